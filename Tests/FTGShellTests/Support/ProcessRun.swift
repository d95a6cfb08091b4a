import Foundation

/// The result of running `ftg` to completion with `Foundation.Process`.
struct ProcessRun {
  var status: Int32
  var output: String
  var errors: String

  /// Runs `executable` with `arguments` and `input` on stdin, in a temporary HOME without
  /// colour (plus `environment`); waits for it to exit.
  static func run(
    _ executable: String, _ arguments: [String], input: String = "",
    environment: [String: String] = [:]
  ) throws -> ProcessRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let home = try FTGBinary.temporaryHome()
    process.environment = ["HOME": home.path, "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
      .merging(environment) { $1 }
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessRun(
      status: process.terminationStatus,
      output: String(decoding: output, as: UTF8.self),
      errors: String(decoding: errors, as: UTF8.self))
  }
}
