import Foundation
import TextGrad

/// The LLM calls of a notebook's record, `NAME.out/llm.jsonl`.
///
/// It holds one JSON object a line: the cell that made the call, the request's key, the request
/// and the response, in cell order then key order. Keys and URLs are never part of a request, so
/// none is ever written.
struct RecordedCalls: Sendable, Equatable {
  /// One line of `llm.jsonl`.
  struct Line: Codable, Sendable, Equatable {
    var cell: String
    var key: String
    var request: ChatRequest
    var response: ChatResponse
  }

  var lines: [Line] = []

  func calls(of cell: String) -> [CallGate.Call] {
    lines.filter { $0.cell == cell }.map { CallGate.Call(key: $0.key, request: $0.request, response: $0.response) }
  }

  static func path(for notebookPath: String) -> String { NotebookRecord.folder(for: notebookPath) + "/llm.jsonl" }

  /// Reads the calls; none when the file does not exist.
  ///
  /// A malformed line is an error that names the file and the line.
  static func load(for notebookPath: String) throws -> RecordedCalls {
    let path = path(for: notebookPath)
    guard FileManager.default.fileExists(atPath: path) else { return RecordedCalls() }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RecordError(path: path, reason: "cannot be read")
    }
    var calls = RecordedCalls()
    let decoder = JSONDecoder()
    for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
      do {
        calls.lines.append(try decoder.decode(Line.self, from: Data(line)))
      } catch {
        throw RecordError(
          path: path, reason: "line \(number + 1) is not a recorded call (\(error.localizedDescription))")
      }
    }
    return calls
  }

  func save(for notebookPath: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = Data()
    for line in lines {
      data.append(try encoder.encode(line))
      data.append(UInt8(ascii: "\n"))
    }
    let file = URL(fileURLWithPath: Self.path(for: notebookPath))
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file, options: .atomic)
  }
}
