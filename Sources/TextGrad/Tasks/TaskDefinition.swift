/// A loaded task: its examples split three ways, its starting prompt, and how it is scored.
public struct TaskDefinition: Sendable {
  /// Which task this is.
  public let name: TaskName
  /// Examples the prompt is optimised on.
  public let train: [Example]
  /// Examples used to pick among prompts while training.
  public let val: [Example]
  /// Held-out examples for the final score.
  public let test: [Example]
  /// The system prompt optimisation starts from; it ends with `answerFormatInstruction`.
  public let startingSystemPrompt: String
  /// The answer-format instruction alone, which aggregators re-append to merged prompts.
  public let answerFormatInstruction: String
  /// How responses are scored.
  public let scoring: AnswerScoring

  /// Creates a task from its parts; `TaskLoader` builds the standard ones.
  public init(
    name: TaskName, train: [Example], val: [Example], test: [Example],
    startingSystemPrompt: String, answerFormatInstruction: String, scoring: AnswerScoring
  ) {
    self.name = name
    self.train = train
    self.val = val
    self.test = test
    self.startingSystemPrompt = startingSystemPrompt
    self.answerFormatInstruction = answerFormatInstruction
    self.scoring = scoring
  }

  /// The examples of `split`.
  public func examples(_ split: TaskSplit) -> [Example] {
    switch split {
    case .train: return train
    case .val: return val
    case .test: return test
    }
  }

  /// True when `response` is a correct answer to `example`.
  public func isCorrect(response: String, for example: Example) -> Bool {
    scoring.isCorrect(response: response, groundTruth: example.y)
  }
}
