@testable import FTGShell

/// A `LineReader` that plays back a script of typed lines and Ctrl-C presses, and records
/// the prompts it was asked to show.
final class ScriptedLineReader: LineReader {
  /// One step of what the user does at a prompt.
  enum Keystroke: ExpressibleByStringLiteral {
    case line(String)
    case controlC

    init(stringLiteral value: String) { self = .line(value) }
  }

  private var script: [Keystroke]
  private(set) var prompts: [String] = []
  private(set) var history: [String] = []

  init(_ script: [Keystroke]) {
    self.script = script
  }

  func readLine(prompt: String) throws(LineInterrupted) -> String? {
    prompts.append(prompt)
    guard !script.isEmpty else { return nil }
    switch script.removeFirst() {
    case .line(let text): return text
    case .controlC: throw LineInterrupted()
    }
  }

  func addHistory(_ entry: String) {
    history.append(entry)
  }

  func historyEntries() -> [String] { history }
}
