import Foundation

/// `scripts/simulated_llm.py`, a deterministic OpenAI-compatible LLM, started on a free
/// loopback port for one test; it stops when the test releases it (its standard input
/// closes). Shared by the test targets of every layer.
public final class SimulatedLLM: @unchecked Sendable {
  /// The loopback port it listens on.
  public let port: Int
  private let process = Process()
  private let input = Pipe()

  /// The repository's root folder.
  public static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/data` beside the repository, as laid out for developers and CI.
  public static let sharedDataPath = repositoryRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/data").path

  /// Starts the server with a latency per call, a fraction of failing attempts, and any
  /// further options of the script (`--stats FILE`, `--stall-ms N`, `--max-faults N`).
  public init(latencyMilliseconds: Int = 0, failRate: Double = 0, options: [String] = []) throws {
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", Self.repositoryRoot.appendingPathComponent("scripts/simulated_llm.py").path,
      "--data", Self.sharedDataPath, "--latency-ms", String(latencyMilliseconds),
      "--fail-rate", String(failRate),
    ] + options
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
  public var base: String { "http://127.0.0.1:\(port)/v1" }

  deinit {
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }
}
