import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// `run.ledger` counts every call of a run once, under its phase, round, client and role.
@Suite struct LedgerTests {
  @Test func theLedgerSplitsTheRunsCallsByRoundClientAndRole() async throws {
    let llm = try await SimulatedLLM()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let t = task("object_counting", train: 4, val: 3, test: 3)
      let run = federate(clients(split(t, 2), engine: e), rounds: 2, steps: 1, batch: 2, aggregate: uid, checkpoint: false)
      let rows = run.ledger
      print(rows.map { r in r.calls }.sum() == run.usage.calls, rows.map { r in r.prompt_tokens }.sum() == run.usage.prompt_tokens)
      print(rows.filter { r in r.phase == "zero_shot" }.map { r in r.calls }.sum(), rows.filter { r in r.phase == "test" }.map { r in r.role })
      let firstRound = rows.filter { r in r.round == 1 }
      print(firstRound.filter { r in r.client == 0 }.map { r in r.role }, firstRound.filter { r in r.client == nil }.map { r in r.role })
      print(firstRound.filter { r in r.role == "forward" }.map { r in r.calls })
      print(table(rows).columns)
      """)
    #expect(result.errors == "")
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    guard lines.count == 5 else { return }
    #expect(lines[0] == "true true")
    // Zero-shot validation and test (3 + 3); the tests of the best prompt.
    #expect(lines[1] == "6 [\"evaluation\"]")
    #expect(lines[2] == "[\"forward\", \"backward\", \"optimizer\"] [\"merge\", \"evaluation\"]")
    // Each client answers its batch of 2 and re-checks it after the update.
    #expect(lines[3] == "[4, 4]")
    #expect(
      lines[4]
        == "[\"phase\", \"round\", \"client\", \"role\", \"calls\", \"prompt_tokens\", \"completion_tokens\", \"cache_hits\", \"shared\", \"record_hits\", \"retries\", \"failures\", \"latency_s\", \"usd\"]"
    )
  }

  @Test func aPricedEngineCostsItsBilledTokensAndAnEstimateBoundsThem() async throws {
    let llm = try await SimulatedLLM()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false, price: [2, 8])
      let free = engine("simulated-free", base: "\(llm.base)", cache: false)
      let t = task("object_counting", train: 4, val: 3, test: 3)
      fn experiment(engine) = federate(clients(split(t, 2), engine: engine), rounds: 1, steps: 1, batch: 2, checkpoint: false)
      let guess = estimate() { experiment(e) }
      let run = experiment(e)
      let billed = run.usage.prompt_tokens * 2 / 1000000 + run.usage.completion_tokens * 8 / 1000000
      let ledger = run.ledger.map { r in r.usd }.sum()
      print(abs(ledger - billed) < 0.000001, abs(e.usage.usd - billed) < 0.000001, guess.usd >= billed)
      print(estimate() { experiment(free) }.usd, experiment(free).ledger.all { r in r.usd == nil })
      engine("x", base: "\(llm.base)", price: 3)
      """)
    #expect(result.output == "true true true\nnil true\n")
    #expect(result.errors.contains("[prompt, completion] dollars per million tokens"))
  }
}
