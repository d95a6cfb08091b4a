import Foundation

/// One GSM8K problem as stored upstream: a question and a worked answer ending in `#### N`.
public struct GSM8KRecord: Sendable, Hashable, Decodable {
  /// The word problem.
  public let question: String
  /// The worked solution; its last whitespace-separated token is the final number.
  public let answer: String

  /// Creates a record.
  public init(question: String, answer: String) {
    self.question = question
    self.answer = answer
  }

  /// The final number as FedTextGrad's loader computes it, or nil if the answer is malformed.
  ///
  /// The answer is split on whitespace; the second-to-last token must be `####` and the last
  /// one, with commas removed, must be an integer, which is re-printed in canonical form
  /// (`"1,000"` gives `"1000"`, `"-3"` stays `"-3"`).
  public var finalAnswer: String? {
    let tokens = answer.split(whereSeparator: \.isWhitespace)
    guard tokens.count >= 2, tokens[tokens.count - 2] == "####" else { return nil }
    let digits = tokens[tokens.count - 1].filter { $0 != "," }
    guard let value = Int(digits) else { return nil }
    return String(value)
  }
}

/// Decoding of a whole GSM8K JSON Lines file, one `{"question", "answer"}` object per line.
public enum GSM8KFile {
  /// Returns the file's records in line order; blank lines are skipped.
  ///
  /// Throws `DataError.malformed` naming `file` and the 1-based line that failed.
  public static func records(from bytes: Data, file: DatasetFile) throws -> [GSM8KRecord] {
    let lines = GSM8KLines(bytes, file: file)
    return try (0..<lines.count).map { try lines.record(at: $0) }
  }
}
