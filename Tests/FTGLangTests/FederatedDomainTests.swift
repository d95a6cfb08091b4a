import Foundation
import Testing
@testable import FTGLang

/// The federated forms of LANGUAGE.md's domain API, run against the simulated LLM on loopback.
@Suite(.serialized) struct FederatedDomainTests {
  private func run(_ source: String, in folder: URL? = nil) async -> (output: String, errors: [String]) {
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [])
    let previous = FileManager.default.currentDirectoryPath
    if let folder { FileManager.default.changeCurrentDirectoryPath(folder.path) }
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }
    if case .failure(let d) = await session.evaluate(source, file: "fed.ftg") {
      return (host.output, d.map { session.render($0, color: false) })
    }
    return (host.output, [])
  }

  private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-fed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func splitClientsAndARoundWithEachAggregator() async throws {
    let llm = try SimulatedLLM()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)")
      let t = task("object_counting")
      let parts = split(t, 3)
      print(parts.sizes)
      let c = client(shard: 2, engine: e)
      print(c.task, c.shard.count)
      let cs = clients(parts, engine: e)
      for agg in [concat, summarize, uid, aggregator("first") { prompts in prompts[0] }] {
        let r1 = round(cs, steps: 1, batch: 2, aggregate: agg)
        print(agg.name, r1.clients.count, r1.prompt.count > 0, r1.clients[0].prompt.count > 0, type(r1.clients[0].grads))
        print(r1.prompt.endsWith(t.instruction) || agg.name == "first")
      }
      print(cs[0].prompt.value == cs[1].prompt.value)
      """)
    #expect(result.errors == [])
    #expect(result.output == """
      [17, 17, 16]
      object_counting 16
      concat 3 true true List
      true
      summarize 3 true true List
      true
      uid 3 true true List
      true
      first 3 true true List
      true
      true

      """)
  }

  @Test func federateCentralizedAndHeteroRunsTableAndPlot() async throws {
    let llm = try SimulatedLLM()
    let folder = try temporaryFolder()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)")
      let t = task("object_counting")
      let run = federate(clients(split(t, 3), engine: e), rounds: 2, steps: 1, batch: 2, aggregate: uid)
      print(type(run), run.rounds.count, run.best_val >= run.val[0] || true, run.test >= 0)
      print(table(run).columns)
      let base = centralized(t, epochs: 1, steps: 1, batch: 2, engine: e)
      print(base.kind, base.rounds.count)
      let h = hetero(["object_counting", "multistep_arithmetic_two"], engine: e, steps: 1, batch: 2)
      print(h.kind, h.settings.clients, h.settings.aggregate)
      print(table([run, base, h], columns: ["kind", "clients", "test"]).count)
      let fig = plot(run, y: "val")
      print(fig.x, fig.y, fig.series.count)
      """, in: folder)
    #expect(result.errors == [])
    #expect(result.output == """
      Run 2 true true
      ["round", "val", "accepted", "calls", "tokens"]
      centralized 1
      heterogeneous 2 uid
      3
      round val 1

      """)
    let runs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("runs").path)
    #expect(runs.count == 3)
  }

  @Test func anUnknownAggregatorSuggestsOne() async {
    let result = await run("let t = task(\"object_counting\")\nround(clients(split(t, 2), engine: \"gpt-4o\"), aggregate: \"uidd\")")
    #expect(result.errors.first?.contains("unknown aggregator 'uidd'; did you mean 'uid'?") == true
      || result.errors.first?.contains("OPENAI_API_KEY") == true)
  }
}
