/// An LLM judge: asks a model whether a response's final answer is the correct one, the way
/// TextGrad and FedTextGrad score every BIG-Bench Hard task but object counting.
///
/// The request is the `judge.request` template filled with the instruction, the question,
/// the correct answer and the response, under the `judge.system` prompt; the verdict is the
/// number between `<ACCURACY>` tags, 1 for right. A reply without a verdict gets one
/// reminder; if the second reply has none either, the answer counts as wrong and
/// `missingVerdicts` goes up (TextGrad's scripts stop with an exception there). The judge's
/// reply is the loss: `backward` sends its feedback to the response and, through it, to the
/// prompt, as in the original. Its calls are counted under `CallRole.judge`.
public struct AnswerJudge: Sendable {
  /// The tag before the verdict.
  public static let openTag = "<ACCURACY>"
  /// The tag after the verdict.
  public static let closeTag = "</ACCURACY>"
  /// The evaluation that asks the judge and reads its verdict.
  public let evaluation: TokenParsedEvaluation
  /// The judge's instruction, a field of every request (it receives no feedback).
  public let instruction: Variable

  /// A judge that asks `engine`, in the words of `templates`.
  public init(engine: any LanguageModel, templates: PromptTemplates = .ftg) {
    let system = Variable(
      templates[.judgeSystem], role: GraphPrompts.evaluationSystemRole, requiresGrad: false)
    instruction = Variable(
      templates[.judgeInstruction], role: GraphPrompts.evaluationInstructionRole,
      requiresGrad: false)
    let call = LLMCall(
      engine: engine, systemPrompt: system, temperature: 0, templates: templates, role: .judge)
    evaluation = TokenParsedEvaluation(
      call: FormattedLLMCall(
        call: call, template: templates[.judgeRequest],
        fields: ["instruction", "question", "answer", "response"]),
      responseRole: GraphPrompts.evaluationRole(of: templates[.responseRole]),
      openTag: Self.openTag, closeTag: Self.closeTag)
  }

  /// Judges `response` to `question`, whose correct answer is `answer`.
  public func judge(question: Variable, answer: Variable, response: Variable) async throws
    -> Judgement
  {
    let scored = try await evaluation.forward([
      "instruction": instruction, "question": question, "answer": answer, "response": response,
    ])
    let verdict = scored.score.map(Self.isRight)
    return Judgement(loss: scored.response, correct: verdict ?? false, hasVerdict: verdict != nil)
  }

  /// How many answers were counted wrong because the judge gave no verdict.
  public var missingVerdicts: Int { evaluation.missingScores }

  /// Whether a verdict's text says the answer is right: the integer 1, spaces aside.
  static func isRight(_ verdict: String) -> Bool {
    Int(verdict.trimmingCharacters(in: .whitespacesAndNewlines)) == 1
  }
}

/// What the judge decided about one response.
public struct Judgement: Sendable {
  /// The judge's reply, as the loss variable.
  public let loss: Variable
  /// Whether the judge found the answer right (false when it gave no verdict).
  public let correct: Bool
  /// Whether the reply (or the reply to the reminder) carried a verdict.
  public let hasVerdict: Bool
}
