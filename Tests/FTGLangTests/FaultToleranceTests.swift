import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// A federated run against a server that fails a fifth of its attempts (429 with Retry-After,
/// 500, 503, malformed JSON, no choices, a dropped connection, a stall past the timeout)
/// finishes, and with retries ends exactly as the same run against a server that never fails.
@Suite(.serialized) struct FaultToleranceTests {
  private static let script = """
    let t = task("object_counting", train: 12, val: 6, test: 6)
    let run = federate(clients(split(t, 3), engine: e), rounds: 2, steps: 1, batch: 2, aggregate: summarize, checkpoint: false)
    print(table(run))
    print(run.best_prompt)
    print(run.best_val, run.test, run.kept, run.reverted)
    """

  private func run(against llm: SimulatedLLM) async -> (output: String, errors: [String]) {
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [])
    let engine = "let e = engine(\"simulated\", base: \"\(llm.base)\", cache: false, timeout: 0.5, retries: 6)\n"
    if case .failure(let d) = await session.evaluate(engine + Self.script, file: "faults.ftg") {
      return (host.output, d.map { session.render($0, color: false) })
    }
    return (host.output, [])
  }

  @Test func aRunThroughAFifthOfFailedAttemptsEqualsTheCleanRun() async throws {
    let stats = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-faults-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: stats) }
    let clean = await run(against: try await SimulatedLLM())
    let flaky = try await SimulatedLLM(failRate: 0.2, options: ["--stall-ms", "800", "--stats", stats.path])
    let faulty = await run(against: flaky)
    #expect(clean.errors == [])
    #expect(faulty.errors == [])
    #expect(faulty.output == clean.output)
    #expect(clean.output.contains("round"))
    let counts = try JSONSerialization.jsonObject(with: Data(contentsOf: stats)) as? [String: Int]
    #expect((counts?["faults"] ?? 0) >= 5, "the server failed too few attempts to test anything: \(counts ?? [:])")
  }
}
