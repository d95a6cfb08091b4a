import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// `engine(name, base: [url, url, url])` spreads calls over several servers, and a server
/// that dies mid-run neither fails the run nor changes its result.
@Suite struct EnginePoolTests {
  private static func script(bases: [String]) -> String {
    """
    let e = engine("simulated", base: [\(bases.map { "\"\($0)\"" }.joined(separator: ", "))], cache: false, limit: 4)
    let t = task("object_counting", train: 6, val: 6, test: 6)
    let run = federate(clients(split(t, 3), engine: e), rounds: 2, steps: 2, batch: 2, aggregate: uid, checkpoint: false)
    print(run.val, run.test, run.best_prompt)
    """
  }

  private static func requests(_ stats: URL) -> Int {
    guard let data = try? Data(contentsOf: stats),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return 0 }
    return object["requests"] as? Int ?? 0
  }

  private static func statsFile() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-pool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("stats.json")
  }

  @Test func callsSpreadOverEveryServerAndTheResultIsAOneServerRuns() async throws {
    let stats = try (0..<3).map { _ in try Self.statsFile() }
    var servers: [SimulatedLLM] = []
    for file in stats {
      servers.append(try await SimulatedLLM(latencyMilliseconds: 5, options: ["--stats", file.path]))
    }
    let pooled = await run(Self.script(bases: servers.map(\.base)))
    #expect(pooled.errors == "")
    let counts = stats.map(Self.requests)
    let total = counts.reduce(0, +)
    #expect(total > 50)
    for count in counts { #expect(count * 5 >= total, "calls per server: \(counts)") }
    let single = try await SimulatedLLM()
    let alone = await run(Self.script(bases: [single.base]))
    #expect(alone.errors == "")
    #expect(pooled.output == alone.output)
  }

  @Test func aServerKilledMidRunNeitherFailsTheRunNorChangesIt() async throws {
    let stats = try (0..<3).map { _ in try Self.statsFile() }
    var servers: [SimulatedLLM] = []
    for file in stats {
      servers.append(try await SimulatedLLM(latencyMilliseconds: 20, options: ["--stats", file.path]))
    }
    let source = Self.script(bases: servers.map(\.base))
    let running = Task { await run(source) }
    let victim = stats[1]
    let reached = try await FolderWatch.wait(below: victim.deletingLastPathComponent(), seconds: 60) {
      Self.requests(victim) >= 8
    }
    #expect(reached)
    await servers[1].stop()
    let pooled = await running.value
    #expect(pooled.errors == "")
    let single = try await SimulatedLLM()
    let alone = await run(Self.script(bases: [single.base]))
    #expect(pooled.output == alone.output)
    // The survivors took the rest.
    #expect(Self.requests(stats[0]) > 0 && Self.requests(stats[2]) > 0)
  }

  @Test func aPoolOfDeadServersFailsWithTheirError() async throws {
    let result = await run(
      """
      let e = engine("simulated", base: "http://127.0.0.1:9/v1, http://127.0.0.1:9/v2", cache: false, retries: 1)
      llm(prompt("Answer briefly."), "How many?", engine: e)
      """)
    #expect(result.errors.contains("test.ftg:2:1: error:"))
    #expect(result.errors.contains("127.0.0.1:9"))
  }

  @Test func aFasterServerTakesMoreOfTheCalls() async throws {
    let stats = try (0..<2).map { _ in try Self.statsFile() }
    let fast = try await SimulatedLLM(latencyMilliseconds: 1, options: ["--stats", stats[0].path])
    // Two seconds a call: far slower than the fast server even when a loaded machine makes each
    // of its calls take a few hundred milliseconds.
    let slow = try await SimulatedLLM(latencyMilliseconds: 2000, options: ["--stats", stats[1].path])
    // One call at a time on each server and 24 questions at once: the calls wait in the pool's
    // line and each goes to the server that frees first, not half to each.
    let result = await run(
      """
      let e = engine("simulated", base: ["\(fast.base)", "\(slow.base)"], cache: false, limit: 1)
      let t = task("object_counting", val: 24)
      print(accuracy(t.prompt, t.val, engine: e, task: t).n)
      """)
    #expect(result.errors == "")
    #expect(result.output == "24\n")
    let counts = stats.map(Self.requests)
    #expect(counts.reduce(0, +) == 24)
    #expect(counts[0] > 2 * counts[1], "calls per server, fast then slow: \(counts)")
  }
}
