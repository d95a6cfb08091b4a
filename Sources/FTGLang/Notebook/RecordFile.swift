import Foundation

/// The versioned JSON files of a notebook record (`cells.json`, `tasks.json`): read with one
/// voice for what is wrong with them, written pretty-printed with sorted keys, atomically.
enum RecordFile {
  /// The file at `path` decoded as `T`, or nil when there is no such file.
  ///
  /// A file that cannot be decoded, or whose `version` is not `expected`, is a `RecordError`
  /// naming it.
  static func read<T: Decodable>(
    _ type: T.Type, at path: String, version: (T) -> Int, expected: Int
  ) throws -> T? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let value: T
    do {
      value = try JSONDecoder().decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw RecordError(path: path, reason: describe(error))
    }
    guard version(value) == expected else {
      throw RecordError(path: path, reason: "format version \(version(value)), expected \(expected)")
    }
    return value
  }

  /// Replaces the file at `path` with `value` as JSON and a final newline, making its folder.
  static func write<T: Encodable>(_ value: T, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(UInt8(ascii: "\n"))
    let file = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file, options: .atomic)
  }

  /// What is wrong with a file that did not decode, in a few words.
  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context): return "not valid JSON (\(context.debugDescription))"
    case DecodingError.keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return "wrong type at '\(path)': \(context.debugDescription)"
    default: return error.localizedDescription
    }
  }
}
