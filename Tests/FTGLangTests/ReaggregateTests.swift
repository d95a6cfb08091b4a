import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// `reaggregate(run, aggregate:)` asks only the server's questions again: one merge a round,
/// the validations after it and the tests, never a client's.
@Suite struct ReaggregateTests {
  @Test func aReaggregationSendsOneMergeARoundAndNoClientCall() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-reaggregate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("requests.jsonl")
    let llm = try await SimulatedLLM(options: ["--log", log.path])
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let t = task("object_counting", train: 6, val: 4, test: 4)
      let run = federate(clients(split(t, 3), engine: e), rounds: 3, steps: 1, batch: 2, aggregate: concat, checkpoint: false)
      print(e.usage.calls)
      let what_if = reaggregate(run, aggregate: summarize)
      print(e.usage.calls)
      let roles = what_if.ledger.map { r in r.role }
      print(what_if.ledger.filter { r in r.role == "merge" }.map { r in r.calls }.sum(), roles.filter { r in r != "merge" && r != "evaluation" })
      print(what_if.rounds.count, what_if.zero_shot.test == run.zero_shot.test, table([run, what_if]).count)
      print(what_if.settings.aggregate, run.settings.aggregate)
      let figure = plot(run.rounds + what_if.rounds, x: "round", y: "val", series: "aggregator")
      print(figure.series.count)
      reaggregate(run)
      """)
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 6)
    guard lines.count == 6, let before = Int(lines[0]), let after = Int(lines[1]) else { return }
    let sent = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count
    // Everything the reaggregation asked reached the server, and nothing else did.
    #expect(sent == after)
    // Three merges, the validations (4 questions a round) and the tests (4 each for the best
    // and the last prompt, or 4 when they are the same).
    #expect(after - before == 3 + 12 + 8 || after - before == 3 + 12 + 4)
    #expect(lines[2] == "3 []")
    #expect(lines[3] == "3 true 2")
    #expect(lines[4] == "summarize concat")
    // Beside the original: a line for each aggregator.
    #expect(lines[5] == "2")
    #expect(result.errors.contains("missing argument 'aggregate:'"))
  }
}
