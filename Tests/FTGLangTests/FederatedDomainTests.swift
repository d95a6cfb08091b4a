import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// The federated forms of LANGUAGE.md's domain API, run against the simulated LLM on loopback.
@Suite(.serialized) struct FederatedDomainTests {
  private func run(_ source: String, in folder: URL? = nil) async -> (output: String, errors: [String]) {
    let host = TestHost(workingDirectory: folder?.path)
    let session = Session(host: host, moduleSearchPaths: [])
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
    let llm = try await SimulatedLLM()
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
    #expect(
      result.output == """
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
    let llm = try await SimulatedLLM()
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
    #expect(
      result.output == """
        Run 2 true true
        ["round", "val", "accepted", "calls", "tokens", "truncated"]
        centralized 1
        heterogeneous 2 uid
        3
        round val 1

        """)
    let runs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("runs").path)
    #expect(runs.count == 3)
  }

  @Test func federateWithEachAggregatorPrintsAccuracies() async throws {
    let llm = try await SimulatedLLM()
    let folder = try temporaryFolder()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)")
      let t = task("multistep_arithmetic_two")
      let cs = clients(split(t, 2), engine: e)
      let runs = [concat, summarize, uid].map { agg in federate(cs, rounds: 1, steps: 1, batch: 2, aggregate: agg) }
      for r in runs { print(r.settings.aggregate, r.test >= 0 && r.test <= 1, r.last_test >= 0) }
      print(table(runs, columns: ["aggregate", "test"]).count)
      """, in: folder)
    #expect(result.errors == [])
    #expect(result.output == "concat true true\nsummarize true true\nuid true true\n3\n")
  }

  @Test func anUnknownAggregatorSuggestsOne() async {
    let result = await run(
      "let t = task(\"object_counting\")\nround(clients(split(t, 2), engine: \"gpt-4o\"), aggregate: \"uidd\")")
    #expect(
      result.errors.first?.contains("unknown aggregator 'uidd'; did you mean 'uid'?") == true
        || result.errors.first?.contains("OPENAI_API_KEY") == true)
  }
}

/// The remaining forms of LANGUAGE.md's domain API.
@Suite(.serialized) struct DomainFormsTests {
  @Test func engineNamesShowDiffAndGradients() async throws {
    let llm = try await SimulatedLLM()
    let host = TestHost(
      environment: TestHost.defaultEnvironment.merging([
        "OLLAMA_BASE_URL": llm.base, "VLLM_BASE_URL": "http://127.0.0.1:8000/v1",
        "SGLANG_BASE_URL": "http://127.0.0.1:30000/v1",
        "OPENAI_API_KEY": "sk-test-not-a-real-key",
      ]) { _, new in new })
    let session = Session(host: host, moduleSearchPaths: [])
    let outcome = await session.evaluate(
      """
      let e = engine("ollama-llama3.1")
      let g = engine("gpt-4o", temperature: 0)
      print(g.name, g.temperature, engine("vllm-meta-llama/Llama-3.1-8B-Instruct").model, engine("sglang-qwen").name)
      let t = task("object_counting")
      let p = prompt(t.prompt, role: "system prompt to a somewhat capable language model")
      let r = llm(p, t.train[0].x, engine: e)
      let l = t.loss(r, t.train[0])
      backward(l, engine: e)
      print(type(p.grads[0]), p.grads[0].text.count > 0, p.grads[0].conversation.count > 0)
      step(p, engine: e)
      show(p)
      diff(p.history[0], p.value)
      let c = client(shard: 0, engine: e, partition: split(t, 2))
      let r1 = round([c], steps: 1, batch: 2)
      print(r1.clients[0].grads.count > 0, c.steps.count)
      """, file: "forms.ftg")
    if case .failure(let d) = outcome { Issue.record("\(d.map { session.render($0, color: false) })") }
    let out = host.output
    #expect(out.hasPrefix("gpt-4o 0 meta-llama/Llama-3.1-8B-Instruct sglang-qwen\n"))
    #expect(out.contains("Gradient true true"))
    #expect(out.contains("role: system prompt to a somewhat capable language model\nvalue:\n  "))
    #expect(out.contains("gradient 1:") || out.contains("history: 1 earlier value"))
    #expect(out.contains("{+Work through the problem one step at a time.+}"))
    #expect(out.contains("true 1"))
    #expect(!out.contains("sk-test-not-a-real-key"))
  }
}
