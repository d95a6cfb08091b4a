import Foundation

/// `scripts/simulated_llm.py`, a deterministic OpenAI-compatible LLM on loopback.
///
/// It is started on a free port for one test and stops when the test releases it. Shared by
/// the test targets of every layer.
public final class SimulatedLLM: Sendable {
  private let server: ChildServer

  /// The repository's root folder.
  public static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/data` beside the repository, as laid out for developers and CI.
  public static let sharedDataPath = repositoryRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/data").path

  /// Starts the server with a latency per call, a fraction of failing attempts, and any
  /// further options of the script (`--stats FILE`, `--stall-ms N`, `--max-faults N`).
  public init(latencyMilliseconds: Int = 0, failRate: Double = 0, options: [String] = []) async throws {
    server = try await ChildServer(
      "/usr/bin/env",
      [
        "python3", Self.repositoryRoot.appendingPathComponent("scripts/simulated_llm.py").path,
        "--data", Self.sharedDataPath, "--latency-ms", String(latencyMilliseconds),
        "--fail-rate", String(failRate),
      ] + options)
  }

  /// The loopback port it listens on.
  public var port: Int { server.port }

  /// The base URL to give `engine(..., base:)`.
  public var base: String { "http://127.0.0.1:\(port)/v1" }

  /// Stops the server and returns once it has ended (releasing it stops it without waiting).
  public func stop() async {
    await server.stop()
  }
}
