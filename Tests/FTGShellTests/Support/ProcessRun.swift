import FTGTestSupport
import Foundation

/// The result of running `ftg` (or another program) to completion.
struct ProcessRun {
  var status: Int32
  var output: String
  var errors: String

  /// Runs `executable` with `arguments` and `input` on stdin, in a temporary HOME without
  /// colour (plus `environment`); returns once it has exited.
  static func run(
    _ executable: String, _ arguments: [String], input: String = "",
    environment: [String: String] = [:]
  ) async throws -> ProcessRun {
    let home = try FTGBinary.temporaryHome()
    let transcript = try await ChildProcess.run(
      executable, arguments, input: input,
      environment: ["HOME": home.path, "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        .merging(environment) { $1 })
    return ProcessRun(
      status: transcript.exit.status, output: transcript.output, errors: transcript.errors)
  }
}
