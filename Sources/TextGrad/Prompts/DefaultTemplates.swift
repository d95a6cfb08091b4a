/// ftg's own wording of every template (`PromptTemplates.ftg`).
///
/// The texts state the same instructions as TextGrad's and FedTextGrad's prompts, with the
/// same structure (tags, base and chain forms, the optimizer's answer format), in this
/// project's words. `docs/protocol.md` says where they differ in substance.
enum DefaultTemplates {
  /// Every template's text.
  static let texts: [TemplateKey: String] =
    tasks
    .merging(judge, uniquingKeysWith: { first, _ in first })
    .merging(backward, uniquingKeysWith: { first, _ in first })
    .merging(optimizer, uniquingKeysWith: { first, _ in first })
    .merging(aggregation, uniquingKeysWith: { first, _ in first })
    .merging(roles, uniquingKeysWith: { first, _ in first })

  /// The tasks' starting prompts and answer formats.
  ///
  /// The same content as TextGrad's task descriptions: reason step by step, and end with a
  /// last line `Answer: $VALUE`. TextGrad asks every BIG-Bench Hard task for "a numerical
  /// value", word sorting included; ftg asks word sorting for the sorted words instead.
  static let tasks: [TemplateKey: String] = [
    .startingPrompt(.objectCounting):
      "You are solving a reasoning problem. Work through it one step at a time. {answer_format}",
    .startingPrompt(.multistepArithmeticTwo):
      "You are solving a reasoning problem. Work through it one step at a time. {answer_format}",
    .startingPrompt(.wordSorting):
      "You are sorting words as the question asks. Work through it one step at a time. {answer_format}",
    .startingPrompt(.gsm8k):
      "You are solving a math word problem. Work through it one step at a time. {answer_format}",
    .answerFormat(.objectCounting): numericAnswerFormat,
    .answerFormat(.multistepArithmeticTwo): numericAnswerFormat,
    .answerFormat(.gsm8k): numericAnswerFormat,
    .answerFormat(.wordSorting):
      "Make the final line of your response exactly 'Answer: $VALUE', where VALUE is the sorted"
      + " words separated by single spaces.",
    .forwardUser: "{question}",
  ]

  private static let numericAnswerFormat =
    "Make the final line of your response exactly 'Answer: $VALUE', where VALUE is a number."

  /// The LLM judge: the same three fields and 0/1 verdict between `<ACCURACY>` tags as
  /// TextGrad's BIG-Bench Hard evaluation.
  static let judge: [TemplateKey: String] = [
    .judgeSystem: """
    You check answers. You compare a response's final answer with the correct answer to \
    the same question and say whether they agree.
    """,
    .judgeInstruction: """
    Below are a question, its correct answer, and a response that reasons its way to a \
    final answer. Is the response's final answer the same as the correct answer? Reply \
    with 1 for yes or 0 for no, and nothing else, between <ACCURACY> and </ACCURACY> \
    tags, as in <ACCURACY> 1 </ACCURACY> or <ACCURACY> 0 </ACCURACY>.
    """,
    .judgeRequest: """
    {instruction}
    **Question**: {question}
    **Correct answer**: {answer}
    **Response**: {response}
    """,
    .judgeReminder: """
    Your reply did not contain the score between {open} and {close}. Answer again, and put \
    the score between these tags exactly: {open}score{close}
    """,
  ]

  /// What the server is asked when it merges client prompts.
  ///
  /// `summarize` and `uid` differ by one sentence, the Uniform Information Density principle, as
  /// in FedTextGrad; neither assumes the clients tuned the same task.
  static let aggregation: [TemplateKey: String] = [
    .aggregateSystem: """
    You merge system prompts written for language models into one system prompt.
    """,
    .aggregateSummarize: """
    Merge the numbered prompts below into one coherent prompt that keeps all of the \
    information they contain. Leave the instruction about the format of the final answer \
    unchanged, as the last sentence.
    {prompts}
    Reply with the merged prompt between {open} and {close}, and nothing else.
    """,
    .aggregateUID: """
    Merge the numbered prompts below into one coherent prompt that keeps all of the \
    information they contain. Write it following the Uniform Information Density \
    principle. Leave the instruction about the format of the final answer unchanged, as \
    the last sentence.
    {prompts}
    Reply with the merged prompt between {open} and {close}, and nothing else.
    """,
  ]

  /// Role descriptions, which feedback and optimizer requests quote.
  static let roles: [TemplateKey: String] = [
    .promptRole: "system prompt to a somewhat capable language model",
    .questionRole: "question to the language model",
    .answerRole: "correct answer to the question",
    .responseRole: "response from the language model",
    .lossPurpose:
      "scores the prediction against the ground-truth answer: 1 if the final answer is right,"
      + " 0 if it is wrong",
  ]
}
