import Foundation

@testable import FTGShell

/// A `ShellHost` that keeps what was written, program output and errors apart.
final class RecordingHost: ShellHost, @unchecked Sendable {
  private let lock = NSLock()
  private var outputParts: [String] = []
  private var errorParts: [String] = []
  private var progressParts: [String] = []

  var output: String { lock.withLock { outputParts.joined() } }
  var errors: String { lock.withLock { errorParts.joined() } }
  var progressLines: [String] { lock.withLock { progressParts } }

  /// A folder of this host's own, so runs never write into the package.
  let workingDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("ftg-recording-host-\(UUID().uuidString)").path

  func write(_ text: String) { lock.withLock { outputParts.append(text) } }
  func writeError(_ text: String) { lock.withLock { errorParts.append(text) } }
  func progress(_ text: String) { lock.withLock { progressParts.append(text) } }
}
