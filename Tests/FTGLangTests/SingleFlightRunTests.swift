import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// Clients that ask the same questions at the same time share the engine's calls (single
/// flight): five clients on the same one-example shard send what one client sends, and their
/// run ends as it does when every client sends its own requests. (The server keeps the first
/// client's prompt, so the merged prompt is the one a single client would have.)
@Suite struct SingleFlightRunTests {
  /// Runs a federation of `clients` clients on shard 0 against a fresh simulated server and a
  /// fresh response cache; returns what it printed and how many requests the server got.
  private func federation(clients: Int, cache: Bool) async throws -> (output: String, sent: Int) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-single-flight-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("requests.jsonl")
    // Answers take 200 ms, so the clients' identical requests are in flight together.
    let llm = try await SimulatedLLM(latencyMilliseconds: 200, options: ["--log", log.path])
    var environment = TestHost.defaultEnvironment
    environment["FTG_CACHE_DIR"] = folder.appendingPathComponent("cache").path
    let host = TestHost(environment: environment)
    let session = Session(host: host, moduleSearchPaths: [])
    let outcome = await session.evaluate(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: \(cache))
      let t = task("object_counting", train: 2, val: 3, test: 3)
      let parts = split(t, 2)
      let cs = (0..<\(clients)).map { i in client(shard: 0, engine: e, partition: parts) }
      let first = aggregator("first") { prompts in prompts[0] }
      let run = federate(cs, rounds: 1, steps: 2, batch: 1, aggregate: first, checkpoint: false)
      print(run.val, run.test, run.best_prompt, run.usage.shared > 0)
      """, file: "flight.ftg")
    if case .failure(let diagnostics) = outcome { Issue.record("\(diagnostics)") }
    await llm.stop()
    let sent = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").count ?? 0
    return (host.output, sent)
  }

  @Test func fiveClientsOnOneShardSendTheRequestsOfOne() async throws {
    let shared = try await federation(clients: 5, cache: true)
    let one = try await federation(clients: 1, cache: true)
    let unshared = try await federation(clients: 5, cache: false)
    #expect(shared.sent == one.sent)
    #expect(shared.sent < unshared.sent)
    // The same run, whoever sent the requests (only the count of shared answers differs).
    #expect(shared.output.hasSuffix(" true\n"))
    #expect(shared.output.dropLast(" true\n".count) == unshared.output.dropLast(" false\n".count))
  }
}
