import Foundation

/// A GSM8K JSON Lines file cut into its non-blank lines, each decoded only when asked for.
///
/// Splitting the 7,473 training rows takes a scan of the bytes; decoding them all would cost
/// far more, and a task uses 150 of them, so rows are decoded one at a time on demand.
public struct GSM8KLines: Sendable {
  /// The file the lines come from, named in errors.
  public let file: DatasetFile
  private let bytes: Data
  /// Each non-blank line's 1-based number in the file and its byte range in `bytes`.
  private let lines: [(number: Int, range: Range<Data.Index>)]

  /// Cuts `bytes` into lines; lines holding only spaces, tabs or carriage returns are skipped.
  public init(_ bytes: Data, file: DatasetFile) {
    self.file = file
    self.bytes = bytes
    // Newlines are found with memchr over the raw bytes: indexing `Data` byte by byte costs
    // a runtime check per byte, most of the loading time for the 4 MB training file.
    let base = bytes.startIndex
    self.lines = bytes.withUnsafeBytes { raw -> [(number: Int, range: Range<Data.Index>)] in
      guard let start = raw.baseAddress else { return [] }
      var lines: [(number: Int, range: Range<Data.Index>)] = []
      var offset = 0
      var number = 1
      while offset < raw.count {
        let rest = raw.count - offset
        let end =
          memchr(start + offset, Int32(UInt8(ascii: "\n")), rest)
          .map { start.distance(to: UnsafeRawPointer($0)) } ?? raw.count
        if raw[offset..<end].contains(where: { !Self.isBlank($0) }) {
          lines.append((number, base + offset..<base + end))
        }
        offset = end + 1
        number += 1
      }
      return lines
    }
  }

  /// How many non-blank lines the file has.
  public var count: Int { lines.count }

  /// Decodes the record on the `index`-th non-blank line.
  ///
  /// Throws `DataError.malformed` naming the file and the line's number when it is not a
  /// `{question, answer}` object.
  public func record(at index: Int) throws -> GSM8KRecord {
    let line = lines[index]
    do {
      return try JSONDecoder().decode(GSM8KRecord.self, from: bytes[line.range])
    } catch {
      throw DataError(
        file: file.path,
        reason: .malformed(detail: "line \(line.number) is not a {question, answer} object"))
    }
  }

  /// The `index`-th record as a task example: `"Question: "` and the question as x, the final number as y.
  ///
  /// Throws `DataError.malformed` when the answer has no `#### <integer>` ending.
  public func example(at index: Int) throws -> Example {
    let record = try record(at: index)
    guard let answer = record.finalAnswer else {
      throw DataError(
        file: file.path,
        reason: .malformed(
          detail: "line \(lines[index].number): answer does not end in '#### <integer>'"))
    }
    return Example(x: "Question: " + record.question, y: answer)
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
  }
}
