import FTGLang
import Foundation

/// A `SessionHost` that the shell can also give its own messages to: errors and notices go to
/// a separate stream from program output.
protocol ShellHost: SessionHost {
  /// Writes an error or notice (diagnostics, "interrupted"), exactly as given.
  func writeError(_ text: String)
}

extension ShellHost {
  /// The process's environment: engines' URLs and keys, the data and cache folders.
  var environment: [String: String] { ProcessInfo.processInfo.environment }

  func readFile(atPath path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  func fileExists(atPath path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
  }

  func directoryEntries(atPath path: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
  }

  func writeFile(atPath path: String, contents: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url, options: .atomic)
  }
}
