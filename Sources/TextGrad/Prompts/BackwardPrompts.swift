/// The feedback requests the backward engine receives, made from `PromptTemplates`.
///
/// The structure is TextGrad's: the forward step as a conversation, an objective in the
/// "base" form (the output has no feedback yet: it is the loss) or the "chain" form (it has),
/// then the span to criticise. The span shows the variable as `PromptTemplates.shown` says:
/// whole by default, TextGrad's first and last ten words with `shortVariables`.
public enum BackwardPrompts {
  /// One forward call of a language model, as the feedback engine sees it.
  public static func conversation(
    _ templates: PromptTemplates, systemPrompt: String?, input: String, output: String
  ) -> String {
    templates.render(
      .backwardConversation,
      ["system_prompt": systemPrompt ?? "(none)", "input": input, "output": output])
  }

  /// The feedback request when the output has no feedback of its own (it is the evaluation).
  public static func base(
    _ templates: PromptTemplates, variableRole: String, conversation: String, variable: String
  ) -> String {
    templates.render(
      .backwardBase,
      [
        "role": variableRole, "conversation": conversation,
        "variable_span": span(templates, variableRole: variableRole, variable: variable),
      ])
  }

  /// The feedback request when the output already received feedback further down the graph.
  public static func chain(
    _ templates: PromptTemplates, variableRole: String, conversation: String,
    responseRole: String, responseFeedback: String, variable: String
  ) -> String {
    templates.render(
      .backwardChain,
      [
        "role": variableRole, "conversation": conversation, "response_role": responseRole,
        "response_feedback": responseFeedback,
        "variable_span": span(templates, variableRole: variableRole, variable: variable),
      ])
  }

  /// One call of a Swift function over variables, as the feedback engine sees it.
  public static func functionConversation(
    _ templates: PromptTemplates, purpose: String, inputs: String, output: String
  ) -> String {
    templates.render(
      .functionConversation, ["purpose": purpose, "inputs": inputs, "output": output])
  }

  /// One named input of a function call, inside `functionConversation`.
  public static func functionInput(
    _ templates: PromptTemplates, name: String, role: String, value: String
  ) -> String {
    templates.render(
      .functionInput, ["name": name, "role": role, "value": templates.shown(value)])
  }

  /// The feedback request for a function input when the function's output has no feedback.
  public static func functionBase(
    _ templates: PromptTemplates, variableRole: String, conversation: String, variable: String
  ) -> String {
    templates.render(
      .functionBase,
      [
        "role": variableRole, "conversation": conversation,
        "variable_span": span(templates, variableRole: variableRole, variable: variable),
      ])
  }

  /// The feedback request for a function input when the function's output has feedback.
  public static func functionChain(
    _ templates: PromptTemplates, variableRole: String, conversation: String,
    responseRole: String, responseFeedback: String, variable: String
  ) -> String {
    templates.render(
      .functionChain,
      [
        "role": variableRole, "conversation": conversation, "response_role": responseRole,
        "response_feedback": responseFeedback,
        "variable_span": span(templates, variableRole: variableRole, variable: variable),
      ])
  }

  /// The closing part of every feedback request: the text to criticise.
  public static func span(
    _ templates: PromptTemplates, variableRole: String, variable: String
  ) -> String {
    templates.render(.backwardSpan, ["role": variableRole, "variable": templates.shown(variable)])
  }
}
