/// The update requests the optimizer engine receives, made from `PromptTemplates`.
///
/// The structure is TextGrad's TGD prompt: role, variable, feedback with its context,
/// optional past feedback, constraints and examples, then the answer format. The variable is
/// shown as `PromptTemplates.shown` says (whole by default).
public enum OptimizerPrompts {
  /// The tag that opens the new value in the optimizer's reply.
  public static let openTag = "<IMPROVED_VARIABLE>"
  /// The tag that closes the new value in the optimizer's reply.
  public static let closeTag = "</IMPROVED_VARIABLE>"

  /// The opening of the update request: the role, the variable and its feedback.
  public static func update(
    _ templates: PromptTemplates, role: String, variable: String, feedback: String
  ) -> String {
    templates.render(
      .optimizerUpdate,
      ["role": role, "variable": templates.shown(variable), "feedback": feedback])
  }

  /// One gradient with the exchange it was computed from.
  public static func feedbackWithContext(
    _ templates: PromptTemplates, conversation: String, responseRole: String,
    variableRole: String, feedback: String
  ) -> String {
    templates.render(
      .optimizerFeedback,
      [
        "conversation": conversation, "response_role": responseRole, "role": variableRole,
        "feedback": feedback,
      ])
  }

  /// One gradient handed down without an exchange of its own.
  public static func feedbackAlone(_ templates: PromptTemplates, _ feedback: String) -> String {
    templates.render(.optimizerFeedbackAlone, ["feedback": feedback])
  }

  /// The feedback of earlier steps (gradient memory), oldest first.
  public static func pastFeedback(_ templates: PromptTemplates, _ feedback: [String]) -> String {
    let numbered = feedback.enumerated().map { index, text in
      "<PAST_FEEDBACK-\(index + 1)>\(text)</PAST_FEEDBACK-\(index + 1)>"
    }
    return templates.render(.optimizerPastFeedback, ["feedback": numbered.joined(separator: "\n")])
  }

  /// The constraints the new value must respect, numbered.
  public static func constraints(_ templates: PromptTemplates, _ constraints: [String]) -> String {
    let numbered = constraints.enumerated().map { index, text in
      "Constraint \(index + 1): \(text)"
    }
    return templates.render(
      .optimizerConstraints, ["constraints": numbered.joined(separator: "\n")])
  }

  /// Examples the new value should take after.
  public static func examples(
    _ templates: PromptTemplates, _ examples: [String], role: String
  ) -> String {
    templates.render(
      .optimizerExamples, ["role": role, "examples": examples.joined(separator: "\n")])
  }

  /// The closing of the update request: the answer format.
  public static func answerFormat(_ templates: PromptTemplates) -> String {
    templates.render(.optimizerFormat, ["open": openTag, "close": closeTag])
  }

  /// The reminder sent when the optimizer's reply lacks the tags.
  public static func tagReminder(_ templates: PromptTemplates) -> String {
    templates.render(.optimizerReminder, ["open": openTag, "close": closeTag])
  }

  /// A GBNF grammar (llama.cpp) that forces a reply of the form `<IMPROVED_VARIABLE>…</…>`.
  ///
  /// The body may hold any text in which no `<` is followed by `/`, so the closing tag can
  /// only come at the end.
  public static let grammar = """
    root ::= "\(openTag)" body "\(closeTag)"
    body ::= ( [^<] | "<"+ [^/<] )*
    """
}
