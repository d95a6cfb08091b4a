/// Scores responses to a task's examples the way the task says.
///
/// It scores by the task's string rule, or by an LLM judge (`TaskDefinition.evaluation`).
/// Training uses the loss it makes; evaluation only whether the response is right.
public struct ResponseScorer: Sendable {
  /// The task whose examples are scored.
  public let task: TaskDefinition
  /// The judge, when the task is scored by one.
  public let judge: AnswerJudge?
  /// The texts of the loss's feedback requests and the variables' roles.
  public let templates: PromptTemplates

  /// A scorer of `task`'s responses; a judge, when the task has one, asks `judgeEngine` (a
  /// judged task given no judge engine is scored by its string rule).
  public init(
    task: TaskDefinition, judgeEngine: (any LanguageModel)?, templates: PromptTemplates = .ftg
  ) {
    self.task = task
    self.templates = templates
    self.judge =
      task.evaluation == .judge
      ? judgeEngine.map { AnswerJudge(engine: $0, templates: templates) } : nil
  }

  /// The loss of `response` to `question` (whose example is `example`), and whether the
  /// response is right.
  public func score(_ response: Variable, question: Variable, example: Example) async throws
    -> ScoredResponse
  {
    let answer = Variable(example.y, role: templates[.answerRole], requiresGrad: false)
    if let judge {
      let judgement = try await judge.judge(question: question, answer: answer, response: response)
      return ScoredResponse(loss: judgement.loss, correct: judgement.correct)
    }
    let correct = task.isCorrect(response: response.value, for: example)
    let loss = StringLoss(purpose: templates[.lossPurpose], templates: templates) { _ in
      correct ? 1 : 0
    }
    let value = try loss.forward(["prediction": response, "ground_truth_answer": answer])
    return ScoredResponse(loss: value, correct: correct)
  }

  /// Whether `response` answers `example` correctly.
  public func isCorrect(_ response: String, for example: Example) async throws -> Bool {
    guard let judge else { return task.isCorrect(response: response, for: example) }
    let question = Variable(example.x, role: templates[.questionRole], requiresGrad: false)
    let answer = Variable(example.y, role: templates[.answerRole], requiresGrad: false)
    let reply = Variable(response, role: templates[.responseRole], requiresGrad: false)
    return try await judge.judge(question: question, answer: answer, response: reply).correct
  }

  /// How many answers the judge left without a verdict (0 for string rules).
  public var missingVerdicts: Int { judge?.missingVerdicts ?? 0 }
}

/// A response's loss and whether it was right.
public struct ScoredResponse: Sendable {
  /// The loss variable: the judge's reply, or the string rule's score.
  public let loss: Variable
  /// Whether the response was right.
  public let correct: Bool
}
