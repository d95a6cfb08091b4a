import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// `estimate() { ... }` runs a block against an engine that answers at once: it tells the calls
/// a run will make without sending one, and writes no checkpoint.
@Suite struct EstimateTests {
  @Test func anEstimateIsWithinATenthOfTheCallsTheRunThenMakes() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-estimate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("requests.jsonl")
    let llm = try await SimulatedLLM(options: ["--log", log.path])
    func sent() -> Int { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count }
    let id = "estimate-\(UUID().uuidString)"
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let t = task("object_counting", train: 6, val: 4, test: 4)
      let guess = estimate() { federate(clients(split(t, 3), engine: e), rounds: 2, steps: 2, batch: 2, aggregate: uid, run: "\(id)") }
      print(guess.calls, guess.calls_max, guess.usd, guess.assumptions.contains("every update kept"))
      print(guess.tokens_min, guess.tokens_max)
      """, workingDirectory: folder.path)
    #expect(result.errors == "")
    #expect(sent() == 0)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("runs/\(id)").path))
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    let figures = (lines.first ?? "").split(separator: " ").compactMap { Int($0) }
    let tokenRange = (lines.last ?? "").split(separator: " ").compactMap { Int($0) }
    #expect(figures.count == 2 && tokenRange.count == 2)
    #expect(lines.first?.hasSuffix(" nil true") == true)

    let real = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let t = task("object_counting", train: 6, val: 4, test: 4)
      let run = federate(clients(split(t, 3), engine: e), rounds: 2, steps: 2, batch: 2, aggregate: uid, checkpoint: false)
      print(run.usage.calls)
      print(run.usage.tokens)
      """)
    #expect(real.errors == "")
    let calls = sent()
    let realLines = real.output.split(separator: "\n").compactMap { Int($0) }
    #expect(realLines.first == calls)
    guard figures.count == 2, tokenRange.count == 2, realLines.count == 2 else { return }
    #expect(abs(figures[0] - calls) * 10 <= calls, "estimated \(figures[0]) calls, the run made \(calls)")
    #expect(calls <= figures[1])
    // The simulated server counts words as tokens; the range holds them.
    #expect((tokenRange[0]...tokenRange[1]).contains(realLines[1]), "\(tokenRange) vs \(realLines[1])")
  }

  @Test func anEstimateCountsTheRequestsTheCacheAlreadyAnswers() async throws {
    let llm = try await SimulatedLLM()
    var environment = TestHost.defaultEnvironment
    environment["FTG_CACHE_DIR"] =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("ftg-estimate-cache-\(UUID().uuidString)").path
    let host = TestHost(environment: environment)
    let session = Session(host: host, moduleSearchPaths: [])
    let outcome = await session.evaluate(
      """
      let e = engine("simulated", base: "\(llm.base)")
      let t = task("object_counting", train: 4, val: 4, test: 4)
      fn experiment() = federate(clients(split(t, 2), engine: e), rounds: 1, steps: 1, batch: 2, checkpoint: false)
      let before = estimate() { experiment() }
      let run = experiment()
      let after = estimate() { experiment() }
      print(before.answered, after.answered > 0, after.answered <= after.calls, before.calls == after.calls)
      """, file: "estimate.ftg")
    if case .failure(let diagnostics) = outcome { Issue.record("\(diagnostics)") }
    // Before the run nothing is cached; after it, at least the zero-shot questions are.
    #expect(host.output == "0 true true true\n")
  }
}
