import Foundation

/// Where the shell keeps its history between sessions: `$FTG_HISTORY`, else
/// `$XDG_STATE_HOME/ftg/history`, else `~/.local/state/ftg/history`.
struct HistoryFile: Equatable, Sendable {
  /// Absolute or relative path of the history file.
  let path: String

  /// The history file for this environment; nil when neither a path variable nor `HOME`
  /// is set (history then stays in memory).
  static func resolve(environment: [String: String]) -> HistoryFile? {
    if let explicit = environment["FTG_HISTORY"], !explicit.isEmpty {
      return HistoryFile(path: explicit)
    }
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      return HistoryFile(path: "\(state)/ftg/history")
    }
    if let home = environment["HOME"], !home.isEmpty {
      return HistoryFile(path: "\(home)/.local/state/ftg/history")
    }
    return nil
  }

  /// Creates the folder the file lives in, so saving can succeed.
  func createDirectory() throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }
}
