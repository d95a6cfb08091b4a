import Foundation

/// One BIG-Bench Hard example as stored upstream: an input and its target answer.
public struct BigBenchHardRecord: Sendable, Hashable, Decodable {
  /// The question text.
  public let input: String
  /// The expected answer text.
  public let target: String
}

/// Decoding of a BIG-Bench Hard task file: `{"canary": ..., "examples": [...]}`.
public enum BigBenchHardFile {
  private struct Contents: Decodable {
    let examples: [BigBenchHardRecord]
  }

  /// Returns the file's examples in file order, or throws `DataError.malformed` naming `file`.
  public static func records(from bytes: Data, file: DatasetFile) throws -> [BigBenchHardRecord] {
    do {
      return try JSONDecoder().decode(Contents.self, from: bytes).examples
    } catch {
      throw DataError(
        file: file.path,
        reason: .malformed(detail: "expected {\"examples\": [{\"input\", \"target\"}]}: \(error)"))
    }
  }
}
