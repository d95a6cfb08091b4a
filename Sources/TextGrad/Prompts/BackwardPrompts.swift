/// Texts sent to the backward engine, which writes textual gradients (feedback).
///
/// Same structure as TextGrad's backward prompts — a system prompt, the forward conversation,
/// an objective (the "base" form when the output has no feedback yet, the "chain" form when
/// it has), and the span to criticise — in this project's own words. The whole variable is
/// shown, not only its first and last words.
public enum BackwardPrompts {
  /// The system prompt of every feedback request.
  public static let system = """
    You are the feedback engine of a system that improves texts, called variables, step by \
    step. Your single task is to criticise a variable against the goal stated between \
    <OBJECTIVE_FUNCTION> tags and to explain what should change in it and why. A variable can \
    be a prompt for a language model, an answer to a problem, code, or any other text. Read \
    its role and the context it was used in, and assume it will be used the same way again. \
    Give reasons, strategies and concrete changes ("the model misread X, so state Y \
    explicitly", "dropping Z would avoid the error because ..."), but never write a new \
    version of the variable: rewriting is the optimizer's job. When the variable already does \
    its job well (the evaluation finds the answer correct), say that no change is needed.

    Tags you will see:
    <LM_SYSTEM_PROMPT>: the system prompt given to the language model.
    <LM_INPUT>: what the language model was asked.
    <LM_OUTPUT>: what the language model answered.
    <OBJECTIVE_FUNCTION>: the goal the feedback must serve.
    <VARIABLE>: the text to give feedback on.
    <ROLE>: what that text is for.
    """

  /// One forward call of a language model, as the feedback engine sees it.
  public static func conversation(systemPrompt: String?, input: String, output: String) -> String {
    """
    <LM_SYSTEM_PROMPT> \(systemPrompt ?? "(none)") </LM_SYSTEM_PROMPT>

    <LM_INPUT> \(input) </LM_INPUT>

    <LM_OUTPUT> \(output) </LM_OUTPUT>


    """
  }

  /// The feedback request when the output has no feedback of its own (it is the evaluation).
  public static func base(variableRole: String, conversation: String, variable: String) -> String {
    """
    The variable you will criticise has this role: <ROLE> \(variableRole) </ROLE>. A language \
    model evaluated it as follows:

    \(conversation)\
    <OBJECTIVE_FUNCTION>Use the evaluation above to criticise the variable. The only aim is a \
    better result on that evaluation. </OBJECTIVE_FUNCTION>


    """ + span(variableRole: variableRole, variable: variable)
  }

  /// The feedback request when the output already received feedback further down the graph.
  public static func chain(
    variableRole: String, conversation: String, responseRole: String, responseFeedback: String,
    variable: String
  ) -> String {
    """
    The variable you will criticise has this role: <ROLE> \(variableRole) </ROLE>. It took \
    part in this exchange with a language model:

    \(conversation)\
    The exchange belongs to a larger system, in which <LM_OUTPUT> served as \(responseRole).

    <OBJECTIVE_FUNCTION>Criticise the variable so that the following feedback on LM_OUTPUT is \
    addressed: \(responseFeedback) </OBJECTIVE_FUNCTION>


    """ + span(variableRole: variableRole, variable: variable)
  }

  /// One call of a Swift function over variables, as the feedback engine sees it.
  public static func functionConversation(purpose: String, inputs: String, output: String)
    -> String
  {
    """
    What the function does: \(purpose)

    <INPUTS_TO_FUNCTION> \(inputs) </INPUTS_TO_FUNCTION>

    <OUTPUT_OF_FUNCTION> \(output) </OUTPUT_OF_FUNCTION>


    """
  }

  /// One named input of a function call, inside `functionConversation`.
  public static func functionInput(name: String, role: String, value: String) -> String {
    "**\(name)** (role: \(role)): \(value)"
  }

  /// The feedback request for a function input when the function's output has no feedback.
  public static func functionBase(variableRole: String, conversation: String, variable: String)
    -> String
  {
    """
    The variable you will criticise has this role: <ROLE> \(variableRole) </ROLE>. A function \
    over strings evaluated it as follows:

    \(conversation)\
    <OBJECTIVE_FUNCTION>Use the function's output above to criticise the variable. The only \
    aim is a better result on that output. </OBJECTIVE_FUNCTION>


    """ + span(variableRole: variableRole, variable: variable)
  }

  /// The feedback request for a function input when the function's output has feedback.
  public static func functionChain(
    variableRole: String, conversation: String, responseRole: String, responseFeedback: String,
    variable: String
  ) -> String {
    """
    The variable you will criticise has this role: <ROLE> \(variableRole) </ROLE>. It was an \
    input of this function over strings:

    \(conversation)\
    The call belongs to a larger system, in which <OUTPUT_OF_FUNCTION> served as \
    \(responseRole).

    <OBJECTIVE_FUNCTION>Criticise the variable so that the following feedback on \
    OUTPUT_OF_FUNCTION is addressed: \(responseFeedback) </OBJECTIVE_FUNCTION>


    """ + span(variableRole: variableRole, variable: variable)
  }

  /// The closing part of every feedback request: the whole text to criticise.
  public static func span(variableRole: String, variable: String) -> String {
    """
    Your feedback is about the \(variableRole) in this exchange, namely this text:

    <VARIABLE> \(variable) </VARIABLE>

    Explain how the \(variableRole) should change to better reach the <OBJECTIVE_FUNCTION>. \
    Be specific, critical and inventive.


    """
  }
}
