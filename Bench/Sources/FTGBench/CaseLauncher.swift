import Foundation

/// Runs one benchmark as its own process, with a server of its own at the benchmark's
/// latency, and reads back the results the case printed.
struct CaseLauncher {
  let benchmark: Benchmark
  let latencyMilliseconds: Int

  func run() throws -> [BenchResult] {
    let server = try ServerProcess(latencyMilliseconds: latencyMilliseconds)
    defer { server.stop() }
    let own = ChildProcess.sibling("ftg-bench")
    let outcome = try ChildProcess.run(
      own,
      [
        "case", benchmark.rawValue, "--base", "http://127.0.0.1:\(server.port)/v1",
        "--latency-ms", String(latencyMilliseconds),
      ], environment: ProcessInfo.processInfo.environment)
    guard outcome.status == 0, let last = outcome.output.split(separator: "\n").last else {
      throw BenchError(
        "exit status \(outcome.status): \(outcome.error.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    return try JSONDecoder().decode([BenchResult].self, from: Data(last.utf8))
  }
}

/// `ftg-bench serve` as a child process; it stops when its standard input closes.
final class ServerProcess {
  let port: Int
  private let process = Process()
  private let input = Pipe()

  init(latencyMilliseconds: Int) throws {
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: ChildProcess.sibling("ftg-bench"))
    process.arguments = ["serve", "--latency-ms", String(latencyMilliseconds)]
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    var line = Data()
    while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
      line.append(byte)
    }
    guard let port = Int(String(decoding: line, as: UTF8.self)) else {
      process.terminate()
      throw BenchError("the benchmark server did not start")
    }
    self.port = port
  }

  func stop() {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  /// Ends the server at once (SIGKILL), as a crashed machine would: its connections drop.
  func kill() {
    _ = Glibc.kill(process.processIdentifier, SIGKILL)
  }
}
