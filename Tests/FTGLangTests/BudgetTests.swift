import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// `budget(...)` stops a run after at most its calls, and the same code with a larger budget
/// resumes it: the server sees, in total, the calls of a run without a budget.
@Suite struct BudgetTests {
  /// A fresh simulated server (logging its requests) and a fresh response cache.
  private struct Fixture {
    let llm: SimulatedLLM
    let log: URL
    let environment: [String: String]

    init() async throws {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-budget-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      log = folder.appendingPathComponent("requests.jsonl")
      llm = try await SimulatedLLM(latencyMilliseconds: 20, options: ["--log", log.path])
      var environment = TestHost.defaultEnvironment
      environment["FTG_CACHE_DIR"] = folder.appendingPathComponent("cache").path
      self.environment = environment
    }

    /// Requests the server has answered so far.
    var sent: Int { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count }

    /// Runs `body` in a new session; returns what it printed and its errors.
    func run(_ body: String) async -> (output: String, errors: [Diagnostic]) {
      let host = TestHost(environment: environment)
      let session = Session(host: host, moduleSearchPaths: [])
      let source = """
        let e = engine("simulated", base: "\(llm.base)")
        let t = task("object_counting", train: 6, val: 4, test: 4)
        fn experiment() = federate(clients(split(t, 3), engine: e), rounds: 2, steps: 2, batch: 2, aggregate: uid, checkpoint: false)
        \(body)
        """
      if case .failure(let errors) = await session.evaluate(source, file: "budget.ftg") { return (host.output, errors) }
      return (host.output, [])
    }
  }

  @Test func aRunStopsWithinItsBudgetAndALargerBudgetResumesIt() async throws {
    let unbudgeted = try await Fixture()
    let whole = await unbudgeted.run("print(experiment().test)")
    #expect(whole.errors.isEmpty)
    #expect(unbudgeted.sent > 20)

    let budgeted = try await Fixture()
    let stopped = await budgeted.run("budget(calls: 12) { experiment() }")
    #expect(budgeted.sent == 12)
    let error = try #require(stopped.errors.first)
    #expect(error.kind == .budgetReached)
    #expect(error.message.contains("budget reached (12 of 12 calls spent under budget(calls: 12))"))
    #expect(error.range.start.line == 3)  // the federate call, in the function the block calls

    let resumed = await budgeted.run("budget(calls: 1000) { print(experiment().test) }")
    #expect(resumed.errors.isEmpty)
    #expect(resumed.output == whole.output)
    #expect(budgeted.sent == unbudgeted.sent)
  }

  @Test func aSessionBudgetAndBadLimitsAreClear() async throws {
    let fixture = try await Fixture()
    let session = await fixture.run(
      """
      budget(calls: 2)
      let a = accuracy(prompt(t.prompt), t.val, engine: e, task: t)
      """)
    #expect(fixture.sent == 2)
    #expect(session.errors.first?.kind == .budgetReached)
    let bad = await fixture.run("budget(calls: -1) { 1 }")
    #expect(bad.errors.first?.message.contains("calls") == true)
    let none = await fixture.run("budget() { 1 }")
    #expect(none.errors.first?.message.contains("calls:, tokens: or usd:") == true)
  }
}
