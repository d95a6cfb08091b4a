/// Thrown by `LineReader.readLine(prompt:)` when the user pressed Ctrl-C while typing:
/// the line (and any unfinished multi-line entry) is abandoned.
struct LineInterrupted: Error, Equatable {}

/// Where the REPL gets its lines: libedit on a terminal, plain stdin otherwise, a script
/// in tests.
protocol LineReader: AnyObject {
  /// Shows `prompt` and reads one line without its newline; nil at end of input (Ctrl-D).
  func readLine(prompt: String) throws(LineInterrupted) -> String?
  /// Records a whole entry (possibly several lines) as one history item.
  func addHistory(_ entry: String)
  /// The history, oldest first (what `:history` lists).
  func historyEntries() -> [String]
}
