/// A public repository that dataset files are downloaded from.
public enum DatasetSource: String, Sendable, Hashable, CaseIterable {
  /// BIG-Bench Hard, github.com/suzgunmirac/BIG-Bench-Hard (MIT).
  case bigBenchHard
  /// GSM8K, github.com/openai/grade-school-math (MIT).
  case gsm8k

  /// The folder URL that file names are appended to, with a trailing slash.
  public var defaultBaseURL: String {
    switch self {
    case .bigBenchHard:
      return "https://raw.githubusercontent.com/suzgunmirac/BIG-Bench-Hard/main/bbh/"
    case .gsm8k:
      return "https://raw.githubusercontent.com/openai/grade-school-math/master/"
        + "grade_school_math/data/"
    }
  }
}
