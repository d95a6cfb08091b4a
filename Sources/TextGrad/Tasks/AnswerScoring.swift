/// A string rule that decides whether a response is correct, without a model call.
public enum AnswerScoring: String, Sendable, Hashable, CaseIterable {
  /// Compare the last integers of response and ground truth, signs dropped (`IntegerAnswer`).
  case lastInteger
  /// Compare the last integers with their signs (`SignedIntegerAnswer`).
  case signedInteger
  /// Compare the final word lists of response and ground truth (see `SortedWordsAnswer`).
  case sortedWords

  /// True when `response` answers correctly for `groundTruth` under this rule.
  public func isCorrect(response: String, groundTruth: String) -> Bool {
    switch self {
    case .lastInteger: return IntegerAnswer.matches(response: response, groundTruth: groundTruth)
    case .signedInteger:
      return SignedIntegerAnswer.matches(response: response, groundTruth: groundTruth)
    case .sortedWords:
      return SortedWordsAnswer.matches(response: response, groundTruth: groundTruth)
    }
  }
}

/// How a task's responses are scored: by its string rule, or by an LLM judge.
public enum TaskEvaluation: String, Sendable, Hashable, Codable, CaseIterable {
  /// The task's string rule (`AnswerScoring`): free, and it cannot drift.
  case exact
  /// An LLM judge that compares the response's final answer with the correct one
  /// (`AnswerJudge`), as TextGrad and FedTextGrad score every BIG-Bench Hard task but object
  /// counting.
  case judge

  /// The original's choice for `task`: the judge for multistep arithmetic and word sorting,
  /// the integer rule for object counting and GSM8K (`textgrad/tasks/__init__.py`).
  public static func original(for task: TaskName) -> TaskEvaluation {
    switch task {
    case .objectCounting, .gsm8k: return .exact
    case .multistepArithmeticTwo, .wordSorting: return .judge
    }
  }
}
