import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// Simulated cross-device clients: seeded dropouts and a round deadline leave clients out of
/// a round, the run finishes with those who took part, and its table says who did.
@Suite struct ClientProfileTests {
  @Test func dropoutsAndADeadlineLeaveClientsOutAndTheTableSaysWho() async throws {
    let llm = try await SimulatedLLM(latencyMilliseconds: 20)
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let t = task("object_counting", train: 6, val: 4, test: 2)
      let cs = clients(split(t, 3), engine: e, profile: {dropout: 0.5, seed: 3})
      let run = federate(cs, rounds: 3, steps: 1, batch: 1, checkpoint: false)
      print(table(run).rows.map { r in r.took_part })
      print(run.rounds[0].clients.count, run.rounds[2].clients.count, run.usage.calls == run.ledger.map { r in r.calls }.sum())
      let parts = split(t, 2)
      let slow = [client(shard: 0, engine: e, partition: parts), client(shard: 1, engine: e, partition: parts, profile: {latency: 30})]
      let timed = federate(slow, rounds: 1, steps: 1, batch: 1, deadline: 2, checkpoint: false)
      print(table(timed).rows[1].took_part, table(timed).rows[1].absent, timed.settings.deadline)
      clients(parts, engine: e, profile: {dropout: 2})
      """)
    // The draws of seed 3: everyone out in round 1, client 2 alone in round 2, 0 and 1 in round 3.
    #expect(result.output.hasPrefix("[nil, \"0/3\", \"1/3\", \"2/3\"]\n0 2 true\n"))
    #expect(result.output.hasSuffix("1/2 1: missed the deadline 2\n"))
    #expect(result.errors.contains("expected a chance from 0 to 1"))
  }
}
