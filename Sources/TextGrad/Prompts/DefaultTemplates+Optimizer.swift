extension DefaultTemplates {
  /// Update requests: the same structure as TextGrad's TGD prompt (role, variable, feedback
  /// with its context, optional past feedback, constraints and examples, the answer format).
  static let optimizer: [TemplateKey: String] = [
    .optimizerSystem: """
    You are the optimizer of a system that improves texts, called variables: prompts for \
    language models, answers to problems, code, or any other text. You receive feedback on a \
    variable and rewrite the variable so that it follows the feedback. Feedback can be noisy: \
    keep what is right and important, drop the rest. Respect the variable's role and the \
    context it is used in. You must answer with the rewritten variable between \
    <IMPROVED_VARIABLE> and </IMPROVED_VARIABLE>; whatever stands between the tags replaces \
    the variable as it is.

    Tags you will see:
    <LM_SYSTEM_PROMPT>: the system prompt given to the language model.
    <LM_INPUT>: what the language model was asked.
    <LM_OUTPUT>: what the language model answered.
    <FEEDBACK>: feedback on the variable.
    <CONVERSATION>: the exchange the feedback comes from.
    <ROLE>: what the variable is for.
    """,
    .optimizerUpdate: """
    You will improve a variable with this role: <ROLE>{role}</ROLE>.

    The variable is the whole text in this span: <VARIABLE>{variable}</VARIABLE>

    This is the feedback it received, each with the exchange it comes from:

    <CONTEXT>{feedback}</CONTEXT>

    Rewrite the variable ({role}) so that it follows the feedback in the <FEEDBACK> tags.


    """,
    .optimizerFeedback: """
    An exchange:

    <CONVERSATION>{conversation}</CONVERSATION>

    The exchange may be one part of a larger system; its output served as {response_role}.

    Feedback on the {role} in this exchange:

    <FEEDBACK>{feedback}</FEEDBACK>


    """,
    .optimizerFeedbackAlone: "<FEEDBACK>{feedback}</FEEDBACK>\n\n",
    .optimizerPastFeedback: """
    Feedback the variable received in earlier steps, oldest first:

    {feedback}

    If the same feedback keeps coming back, the earlier rewrites did not go far enough: \
    change the variable more boldly this time.


    """,
    .optimizerConstraints: """
    The new variable must respect these constraints:

    <CONSTRAINTS>{constraints}</CONSTRAINTS>


    """,
    .optimizerExamples: """
    Take these examples into account when rewriting the {role}:

    <EXAMPLES>{examples}</EXAMPLES>


    """,
    .optimizerFormat: """
    Answer in this format:

    {open}{the improved variable}{close}

    Put only the improved variable between the {open} tags, nothing else.
    """,
    .optimizerReminder: """
    Your reply did not contain the improved variable between {open} and {close}. \
    Send it again, with the whole improved variable between these two tags and nothing else.
    """,
  ]
}
