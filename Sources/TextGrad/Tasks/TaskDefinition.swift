/// A loaded task: its examples split three ways, its starting prompt, and how it is scored.
public struct TaskDefinition: Sendable {
  /// The task's name: a `TaskName` raw value for the built-in tasks, any name for others.
  public let name: String
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
  /// The string rule that scores responses exactly.
  public let scoring: AnswerScoring
  /// Whether responses are scored by `scoring` or by an LLM judge.
  public let evaluation: TaskEvaluation

  /// Creates a task from its parts; `TaskLoader` builds the standard ones.
  public init(
    name: String, train: [Example], val: [Example], test: [Example],
    startingSystemPrompt: String, answerFormatInstruction: String, scoring: AnswerScoring,
    evaluation: TaskEvaluation = .exact
  ) {
    self.name = name
    self.train = train
    self.val = val
    self.test = test
    self.startingSystemPrompt = startingSystemPrompt
    self.answerFormatInstruction = answerFormatInstruction
    self.scoring = scoring
    self.evaluation = evaluation
  }

  /// The examples of `split`.
  public func examples(_ split: TaskSplit) -> [Example] {
    switch split {
    case .train: return train
    case .val: return val
    case .test: return test
    }
  }

  /// The same task with each split cut to its first examples.
  ///
  /// `nil` keeps a split whole, and a count beyond a split's size keeps it whole too. Small
  /// subsets make quick, cheap runs whose splits are still the task's own, in the task's order.
  public func prefix(train: Int? = nil, val: Int? = nil, test: Int? = nil) -> TaskDefinition {
    func cut(_ examples: [Example], _ count: Int?) -> [Example] {
      count.map { Array(examples.prefix(max(0, $0))) } ?? examples
    }
    return TaskDefinition(
      name: name, train: cut(self.train, train), val: cut(self.val, val), test: cut(self.test, test),
      startingSystemPrompt: startingSystemPrompt, answerFormatInstruction: answerFormatInstruction,
      scoring: scoring, evaluation: evaluation)
  }

  /// The same task scored by `evaluation`.
  public func evaluated(by evaluation: TaskEvaluation) -> TaskDefinition {
    TaskDefinition(
      name: name, train: train, val: val, test: test, startingSystemPrompt: startingSystemPrompt,
      answerFormatInstruction: answerFormatInstruction, scoring: scoring, evaluation: evaluation)
  }

  /// A short description of the splits' sizes, such as `50/100/100`, for run identities.
  public var sizes: String { "\(train.count)/\(val.count)/\(test.count)" }

  /// True when `response` is a correct answer to `example` under the task's string rule
  /// (whatever `evaluation` says; `ResponseScorer` asks the judge when it should).
  public func isCorrect(response: String, for example: Example) -> Bool {
    scoring.isCorrect(response: response, groundTruth: example.y)
  }
}
