import Testing
import TextGrad

@testable import Fed

@Suite struct LocalStepTests {
  private func client(engine: ScriptedEngine, prompt: String? = nil) -> Client {
    let task = Fixtures.task()
    let shard = Shard(index: 0, task: task, examples: task.train)
    return Client(
      id: 0, shard: shard, forwardEngine: engine, backwardEngine: engine, startingPrompt: prompt)
  }

  private func batch(_ count: Int, from offset: Int = 0) -> [Example] {
    Array(Fixtures.task().train[offset..<offset + count])
  }

  @Test func anImprovingUpdateIsKept() async throws {
    let client = client(engine: Fixtures.engine())
    let record = try await client.localStep(round: 0, step: 0, batch: batch(6), rule: .improve)
    #expect(record.batch.count == 6)
    #expect(record.accuracyBefore < 1)
    #expect(record.accuracyAfter == 1)
    #expect(record.kept)
    #expect(client.prompt.value.contains(Fixtures.marker))
    #expect(record.gradients.count == 6)
    #expect(record.gradients.allSatisfy { $0.contains("count each item") })
    #expect(client.keptUpdates == 1 && client.revertedUpdates == 0)
  }

  @Test func aWorseningUpdateIsReverted() async throws {
    let client = client(engine: Fixtures.engine(insert: Fixtures.poison))
    let start = client.prompt.value
    let record = try await client.localStep(round: 0, step: 0, batch: batch(6), rule: .noWorse)
    #expect(record.accuracyAfter == 0)
    #expect(record.accuracyAfter < record.accuracyBefore)
    #expect(!record.kept)
    #expect(record.proposedPrompt.contains(Fixtures.poison))
    #expect(client.prompt.value == start)
    #expect(record.promptAfter == start)
    #expect(client.revertedUpdates == 1)
  }

  @Test func improveKeepsOnlyStrictGainsOrPerfectBatches() async throws {
    #expect(UpdateRule.noWorse.keeps(before: 0.5, after: 0.5))
    #expect(!UpdateRule.improve.keeps(before: 0.5, after: 0.5))
    #expect(!UpdateRule.improve.keeps(before: 0, after: 0))
    #expect(UpdateRule.improve.keeps(before: 0.5, after: 0.75))
    #expect(UpdateRule.improve.keeps(before: 1, after: 1))
    #expect(UpdateRule.improve.keeps(before: 0, after: 1))
    #expect(!UpdateRule.noWorse.keeps(before: 0.5, after: 0.25))
    #expect(UpdateRule.always.keeps(before: 1, after: 0))

    // A neutral rewrite (accuracy unchanged) survives no_worse, not improve.
    let neutral = Fixtures.engine(insert: "Be concise.")
    let plain = client(engine: neutral)
    let kept = try await plain.localStep(round: 0, step: 0, batch: batch(4), rule: .noWorse)
    let strict = client(engine: neutral)
    let dropped = try await strict.localStep(round: 0, step: 0, batch: batch(4), rule: .improve)
    #expect(kept.accuracyBefore == kept.accuracyAfter && kept.accuracyBefore < 1)
    #expect(kept.kept && !dropped.kept)
  }
}
