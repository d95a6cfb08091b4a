import Foundation

/// A line reader without editing, used when libedit cannot drive the terminal.
///
/// Reads standard input line by line and keeps history in memory.
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
