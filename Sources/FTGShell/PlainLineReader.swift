import Foundation

/// A line reader without editing: reads standard input line by line and keeps history
/// in memory. Used when the terminal cannot be driven by libedit.
final class PlainLineReader: LineReader {
  private let showsPrompt: Bool
  private var history: [String] = []

  /// Creates a reader that writes each prompt when `showsPrompt` is true.
  init(showsPrompt: Bool) {
    self.showsPrompt = showsPrompt
  }

  func readLine(prompt: String) throws(LineInterrupted) -> String? {
    if showsPrompt {
      FileHandle.standardOutput.write(Data(prompt.utf8))
    }
    return Swift.readLine(strippingNewline: true)
  }

  func addHistory(_ entry: String) {
    history.append(entry)
  }

  func historyEntries() -> [String] { history }
}
