/// How a task decides whether a response is correct; both rules are plain string functions.
public enum AnswerScoring: String, Sendable, Hashable, CaseIterable {
  /// Compare the last integers of response and ground truth (see `IntegerAnswer`).
  case lastInteger
  /// Compare the final word lists of response and ground truth (see `SortedWordsAnswer`).
  case sortedWords

  /// True when `response` answers correctly for `groundTruth` under this rule.
  public func isCorrect(response: String, groundTruth: String) -> Bool {
    switch self {
    case .lastInteger: return IntegerAnswer.matches(response: response, groundTruth: groundTruth)
    case .sortedWords:
      return SortedWordsAnswer.matches(response: response, groundTruth: groundTruth)
    }
  }
}
