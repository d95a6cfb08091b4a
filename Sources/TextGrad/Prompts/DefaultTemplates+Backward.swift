extension DefaultTemplates {
  /// Feedback requests: the same structure as TextGrad's backward prompts (a system prompt,
  /// the forward conversation, an objective in base or chain form, the span to criticise).
  static let backward: [TemplateKey: String] = [
    .backwardSystem: """
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
    """,
    .backwardConversation: """
    <LM_SYSTEM_PROMPT> {system_prompt} </LM_SYSTEM_PROMPT>

    <LM_INPUT> {input} </LM_INPUT>

    <LM_OUTPUT> {output} </LM_OUTPUT>


    """,
    .backwardBase: """
    The variable you will criticise has this role: <ROLE> {role} </ROLE>. A language \
    model evaluated it as follows:

    {conversation}<OBJECTIVE_FUNCTION>Use the evaluation above to criticise the variable. \
    The only aim is a better result on that evaluation. </OBJECTIVE_FUNCTION>


    {variable_span}
    """,
    .backwardChain: """
    The variable you will criticise has this role: <ROLE> {role} </ROLE>. It took \
    part in this exchange with a language model:

    {conversation}The exchange belongs to a larger system, in which <LM_OUTPUT> served as \
    {response_role}.

    <OBJECTIVE_FUNCTION>Criticise the variable so that the following feedback on LM_OUTPUT \
    is addressed: {response_feedback} </OBJECTIVE_FUNCTION>


    {variable_span}
    """,
    .backwardSpan: """
    Your feedback is about the {role} in this exchange, namely this text:

    <VARIABLE> {variable} </VARIABLE>

    Explain how the {role} should change to better reach the <OBJECTIVE_FUNCTION>. \
    Be specific, critical and inventive.


    """,
    .functionConversation: """
    What the function does: {purpose}

    <INPUTS_TO_FUNCTION> {inputs} </INPUTS_TO_FUNCTION>

    <OUTPUT_OF_FUNCTION> {output} </OUTPUT_OF_FUNCTION>


    """,
    .functionInput: "**{name}** (role: {role}): {value}",
    .functionBase: """
    The variable you will criticise has this role: <ROLE> {role} </ROLE>. A function \
    over strings evaluated it as follows:

    {conversation}<OBJECTIVE_FUNCTION>Use the function's output above to criticise the \
    variable. The only aim is a better result on that output. </OBJECTIVE_FUNCTION>


    {variable_span}
    """,
    .functionChain: """
    The variable you will criticise has this role: <ROLE> {role} </ROLE>. It was an \
    input of this function over strings:

    {conversation}The call belongs to a larger system, in which <OUTPUT_OF_FUNCTION> \
    served as {response_role}.

    <OBJECTIVE_FUNCTION>Criticise the variable so that the following feedback on \
    OUTPUT_OF_FUNCTION is addressed: {response_feedback} </OBJECTIVE_FUNCTION>


    {variable_span}
    """,
    .reduceSystem: """
    You merge several pieces of feedback about the same texts into one. Keep every distinct \
    point, state repeated points once, and keep the concrete suggestions. Answer with the \
    merged feedback only.
    """,
    .reduceRequest: "Merge these pieces of feedback into one:\n\n{feedback}",
    .sharedFeedback:
      "This feedback was given to several variables together, this {role} among them: {feedback}",
  ]
}
