import Testing
import TextGrad

@testable import Fed

@Suite struct UsageTallyTests {
  @Test func costSumAndDifference() {
    var tally = UsageTally()
    tally.calls = 3
    tally.promptTokens = 2_000_000
    tally.completionTokens = 1_000_000
    #expect(
      ModelPrice(prompt: 1, completion: 2).cost(prompt: tally.promptTokens, completion: tally.completionTokens) == 4)
    let doubled = tally + tally
    #expect(doubled.calls == 6 && doubled.promptTokens == 4_000_000)
    #expect(doubled - tally == tally)
  }

  @Test func anEngineSharedByRolesIsCountedOnce() async throws {
    let engine = ScriptedEngine(answers: ["one two"])
    _ = try await engine.complete([.user("a b c")])
    let tally = UsageTally.total(of: UsageTally.distinct([engine, engine]))
    #expect(tally.calls == 1)
    #expect(tally.promptTokens == 3 && tally.completionTokens == 2)
  }
}
