import Foundation

/// `scripts/simulated_llm.py` started on a free loopback port for one test; it stops when
/// the test releases it (its standard input closes).
final class SimulatedLLM: @unchecked Sendable {
  let port: Int
  private let process = Process()
  private let input = Pipe()

  init(latencyMilliseconds: Int = 0, failRate: Double = 0) throws {
    let script = URL(fileURLWithPath: stdlibPath).deletingLastPathComponent()
      .appendingPathComponent("scripts/simulated_llm.py").path
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", script, "--data", sharedDataPath, "--latency-ms", String(latencyMilliseconds),
      "--fail-rate", String(failRate),
    ]
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    var line = Data()
    while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
      line.append(byte)
    }
    guard let port = Int(String(decoding: line, as: UTF8.self)) else {
      throw CocoaError(.fileReadCorruptFile)
    }
    self.port = port
  }

  /// The base URL to give `engine(..., base:)`.
  var base: String { "http://127.0.0.1:\(port)/v1" }

  deinit {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }
}
