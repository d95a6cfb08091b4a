import FTGLang
import Foundation

/// The host of the `ftg` process: program output on stdout, errors on stderr, and progress
/// as one transient line on stderr when it is a terminal.
///
/// Each write goes straight to the file descriptor (no buffering), so output and errors
/// appear in the order they were made.
final class StandardHost: ShellHost, @unchecked Sendable {
  private let showsProgress: Bool
  /// Whether program output is dropped (a dry run's, which is not the real run's output).
  private let quiet: Bool
  /// Colour for program output (merged prompts' sources), when stdout is a terminal.
  private let outputStyle: TerminalStyle
  private let lock = NSLock()
  private var progressVisible = false

  /// Creates the host; progress is shown only when `showsProgress` (stderr is a terminal), and
  /// program output not at all when `quiet`.
  init(showsProgress: Bool = isatty(STDERR_FILENO) == 1, quiet: Bool = false) {
    self.showsProgress = showsProgress && !quiet
    self.quiet = quiet
    outputStyle = .detect(
      isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
  }

  func write(_ text: String) {
    guard !quiet else { return }
    lock.withLock {
      clearProgress()
      FileHandle.standardOutput.write(Data(outputStyle.sourced(text).utf8))
    }
  }

  /// The process's working folder: runs write `runs/<id>/` where ftg was started.
  var workingDirectory: String { FileManager.default.currentDirectoryPath }

  func writeError(_ text: String) {
    lock.withLock {
      clearProgress()
      FileHandle.standardError.write(Data(text.utf8))
    }
  }

  func progress(_ text: String) {
    guard showsProgress else { return }
    lock.withLock {
      let line = text.split(separator: "\n").last.map(String.init) ?? ""
      FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
      progressVisible = true
    }
  }

  /// Erases the progress line so the next output starts on a clean line.
  ///
  /// Call with the lock held.
  private func clearProgress() {
    guard progressVisible else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    progressVisible = false
  }
}
