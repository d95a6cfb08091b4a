/// Texts sent to the optimizer engine by `TextualGradientDescent`.
///
/// Same structure as TextGrad's TGD prompt — role, variable, feedback with its context,
/// optional past feedback, constraints and examples, then the answer format — in this
/// project's own words. The whole variable is shown, never a shortened version.
public enum OptimizerPrompts {
  /// The tag that opens the new value in the optimizer's reply.
  public static let openTag = "<IMPROVED_VARIABLE>"
  /// The tag that closes the new value in the optimizer's reply.
  public static let closeTag = "</IMPROVED_VARIABLE>"

  /// The optimizer's system prompt.
  public static let system = """
    You are the optimizer of a system that improves texts, called variables: prompts for \
    language models, answers to problems, code, or any other text. You receive feedback on a \
    variable and rewrite the variable so that it follows the feedback. Feedback can be noisy: \
    keep what is right and important, drop the rest. Respect the variable's role and the \
    context it is used in. You must answer with the rewritten variable between \(openTag) and \
    \(closeTag); whatever stands between the tags replaces the variable as it is.

    Tags you will see:
    <LM_SYSTEM_PROMPT>: the system prompt given to the language model.
    <LM_INPUT>: what the language model was asked.
    <LM_OUTPUT>: what the language model answered.
    <FEEDBACK>: feedback on the variable.
    <CONVERSATION>: the exchange the feedback comes from.
    <ROLE>: what the variable is for.
    """

  /// The opening of the update request: the role, the whole variable and its feedback.
  public static func update(role: String, variable: String, feedback: String) -> String {
    """
    You will improve a variable with this role: <ROLE>\(role)</ROLE>.

    The variable is the whole text in this span: <VARIABLE>\(variable)</VARIABLE>

    This is the feedback it received, each with the exchange it comes from:

    <CONTEXT>\(feedback)</CONTEXT>

    Rewrite the variable (\(role)) so that it follows the feedback in the <FEEDBACK> tags.


    """
  }

  /// One gradient with the exchange it was computed from.
  public static func feedbackWithContext(
    conversation: String, responseRole: String, variableRole: String, feedback: String
  ) -> String {
    """
    An exchange:

    <CONVERSATION>\(conversation)</CONVERSATION>

    The exchange may be one part of a larger system; its output served as \(responseRole).

    Feedback on the \(variableRole) in this exchange:

    <FEEDBACK>\(feedback)</FEEDBACK>


    """
  }

  /// One gradient handed down without an exchange of its own.
  public static func feedbackAlone(_ feedback: String) -> String {
    "<FEEDBACK>\(feedback)</FEEDBACK>\n\n"
  }

  /// The feedback of earlier steps (gradient memory), oldest first.
  public static func pastFeedback(_ feedback: [String]) -> String {
    let numbered = feedback.enumerated().map { index, text in
      "<PAST_FEEDBACK-\(index + 1)>\(text)</PAST_FEEDBACK-\(index + 1)>"
    }
    return """
      Feedback the variable received in earlier steps, oldest first:

      \(numbered.joined(separator: "\n"))

      If the same feedback keeps coming back, the earlier rewrites did not go far enough: \
      change the variable more boldly this time.


      """
  }

  /// The constraints the new value must respect, numbered.
  public static func constraints(_ constraints: [String]) -> String {
    let numbered = constraints.enumerated().map { index, text in
      "Constraint \(index + 1): \(text)"
    }
    return """
      The new variable must respect these constraints:

      <CONSTRAINTS>\(numbered.joined(separator: "\n"))</CONSTRAINTS>


      """
  }

  /// Examples the new value should take after.
  public static func examples(_ examples: [String], role: String) -> String {
    """
    Take these examples into account when rewriting the \(role):

    <EXAMPLES>\(examples.joined(separator: "\n"))</EXAMPLES>


    """
  }

  /// The closing of the update request: the answer format.
  public static let answerFormat = """
    Answer in this format:

    \(openTag){the improved variable}\(closeTag)

    Put only the improved variable between the \(openTag) tags, nothing else.
    """

  /// The reminder sent when the optimizer's reply lacks the tags.
  public static let tagReminder = """
    Your reply did not contain the improved variable between \(openTag) and \(closeTag). \
    Send it again, with the whole improved variable between these two tags and nothing else.
    """

  /// A GBNF grammar (llama.cpp) that forces a reply of the form `<IMPROVED_VARIABLE>…</…>`.
  ///
  /// The body may hold any text in which no `<` is followed by `/`, so the closing tag can
  /// only come at the end.
  public static let grammar = """
    root ::= "\(openTag)" body "\(closeTag)"
    body ::= ( [^<] | "<"+ [^/<] )*
    """
}
