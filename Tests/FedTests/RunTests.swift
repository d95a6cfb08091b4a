import Foundation
import Testing
import TextGrad

@testable import Fed

@Suite struct RunTests {
  private func homogeneous(
    engine: any LanguageModel, aggregator: (any Aggregator)? = nil, clients: Int = 3,
    rounds: Int = 2, directory: URL? = nil, runID: String = "homo"
  ) throws -> FederatedRun {
    let configuration = RunConfiguration(
      runID: runID, rounds: rounds, steps: 2, batchSize: 2, directory: directory)
    return try FederatedRun.homogeneous(
      task: Fixtures.task(), clientCount: clients, forwardEngine: engine, backwardEngine: engine,
      aggregator: aggregator ?? ConcatAggregator(), configuration: configuration)
  }

  @Test func threeConcurrentClientsGiveTheSameRunEveryTime() async throws {
    var results: [RunResult] = []
    for _ in 0..<3 {
      let engine = JitterEngine(Fixtures.engine())
      let aggregator = LanguageModelAggregator(style: .uid, engine: engine)
      results.append(try await homogeneous(engine: engine, aggregator: aggregator).run())
    }
    #expect(results[0].rounds[0].clients.map(\.client) == [0, 1, 2])
    #expect(results[0].rounds[0].clients.allSatisfy { $0.steps.count == 2 })
    #expect(results[1] == results[0])
    #expect(results[2] == results[0])
  }

  @Test func homogeneousRunEndToEnd() async throws {
    let engine = Fixtures.engine()
    let aggregator = LanguageModelAggregator(style: .summarize, engine: engine)
    let result = try await homogeneous(engine: engine, aggregator: aggregator).run()
    #expect(result.kind == .homogeneous)
    #expect(result.initialValidationAccuracy == 0.5)
    #expect(result.rounds.count == 2)
    let first = result.rounds[0]
    #expect(first.aggregatedPrompt.hasPrefix("Merged."))
    #expect(first.aggregatedPrompt.components(separatedBy: Fixtures.instruction).count == 2)
    #expect(first.validationAccuracy == 1)
    #expect(result.bestRound == 0)
    #expect(result.bestTestAccuracy == [TaskAccuracy(task: "object_counting", accuracy: 1, count: 6)])
    let updates: Int = result.keptUpdates.reduce(0, +) + result.revertedUpdates.reduce(0, +)
    #expect(updates == 12)
    #expect(result.usage.calls == engine.usage.calls)
    #expect(result.usage.promptTokens == engine.usage.promptTokens)
    #expect(result.bestPromptComplexity == PromptComplexity(of: result.bestPrompt))
  }

  @Test func theBestPromptIsTestedNotTheLast() async throws {
    let calls = Counter()
    let aggregator = ClosureAggregator { prompts in
      let good = "Count. \(Fixtures.marker) " + Fixtures.instruction
      return calls.next() == 0 ? good : "Guess. \(Fixtures.poison) " + Fixtures.instruction
    }
    let result = try await homogeneous(engine: Fixtures.engine(), aggregator: aggregator).run()
    #expect(result.bestRound == 0)
    #expect(result.bestPrompt.contains(Fixtures.marker))
    #expect(result.lastPrompt.contains(Fixtures.poison))
    #expect(result.bestTestAccuracy.meanAccuracy == 1)
    #expect(result.lastTestAccuracy.meanAccuracy == 0)
  }

  @Test func textGradsCentralizedProtocolUndoesAStepWhoseValidationDrops() async throws {
    let configuration = RunConfiguration(runID: "central", rounds: 2, steps: 2, batchSize: 3)
    let good = Fixtures.engine()
    let improved = try await FederatedRun.centralized(
      task: Fixtures.task(), forwardEngine: good, backwardEngine: good, protocol: .textgrad,
      configuration: configuration
    ).run()
    #expect(improved.kind == .centralized)
    // One validated step per round: epochs × steps of them.
    #expect(improved.rounds.count == 4)
    #expect(improved.rounds.allSatisfy { $0.clients[0].steps.count == 1 })
    #expect(improved.rounds.allSatisfy { $0.selectedClients == [0] && $0.aggregator == "none" })
    #expect(improved.rounds[0].accepted && improved.lastPrompt.contains(Fixtures.marker))
    #expect(improved.lastTestAccuracy.meanAccuracy == 1)

    let bad = Fixtures.engine(insert: Fixtures.poison)
    let reverted = try await FederatedRun.centralized(
      task: Fixtures.task(), forwardEngine: bad, backwardEngine: bad, protocol: .textgrad,
      configuration: configuration
    ).run()
    // Every update is kept at the batch (TextGrad re-scores nothing), then undone by validation.
    #expect(reverted.rounds.allSatisfy { $0.clients[0].steps.allSatisfy { $0.kept } })
    #expect(reverted.rounds.allSatisfy { !$0.accepted })
    #expect(reverted.rounds[0].aggregatedPrompt.contains(Fixtures.poison))
    #expect(reverted.lastPrompt == Fixtures.task().startingSystemPrompt)
    #expect(reverted.lastTestAccuracy.meanAccuracy == 0.5)
  }

  @Test func fedTextGradsCentralizedProtocolValidatesEachEpochAndNeverReverts() async throws {
    let configuration = RunConfiguration(
      runID: "central-ftg", rounds: 2, steps: 2, batchSize: 3, updateRule: .always)
    let bad = Fixtures.engine(insert: Fixtures.poison)
    let result = try await FederatedRun.centralized(
      task: Fixtures.task(), forwardEngine: bad, backwardEngine: bad, configuration: configuration
    ).run()
    #expect(result.rounds.count == 2)
    #expect(result.rounds.allSatisfy { $0.clients[0].steps.count == 2 })
    // The poisoned epoch is validated, kept as the last prompt, and not the best.
    #expect(result.rounds.allSatisfy { $0.accepted })
    #expect(result.lastPrompt.contains(Fixtures.poison))
    #expect(result.bestPrompt == Fixtures.task().startingSystemPrompt)
    #expect(result.lastTestAccuracy.meanAccuracy == 0)
    #expect(result.bestTestAccuracy.meanAccuracy == 0.5)
  }

  @Test func heterogeneousRunValidatesEveryTaskAndTestsEach() async throws {
    let tasks = [
      Fixtures.task(), Fixtures.task(.gsm8k, instruction: Fixtures.otherInstruction, offset: 1),
    ]
    let engine = Fixtures.engine()
    let configuration = RunConfiguration(runID: "hetero", rounds: 1, steps: 1, batchSize: 2)
    let run = try FederatedRun.heterogeneous(
      tasks: tasks, forwardEngine: engine, backwardEngine: engine,
      aggregator: DedupConcatAggregator(), configuration: configuration)
    #expect(
      run.startingPrompt
        == "Solve the problem. \(Fixtures.instruction) \(Fixtures.otherInstruction)")
    let result = try await run.run()
    #expect(result.kind == .heterogeneous)
    #expect(result.rounds[0].clients.map(\.task) == ["object_counting", "gsm8k"])
    #expect(result.rounds[0].clients[1].steps[0].promptBefore == tasks[1].startingSystemPrompt)
    #expect(result.lastTestAccuracy.map(\.task) == ["object_counting", "gsm8k"])
    #expect(result.rounds[0].aggregatedPrompt.hasSuffix(Fixtures.otherInstruction))
    let validationRequests = engine.requests.filter { $0.messages.last?.content == "Question 101" }
    #expect(!validationRequests.isEmpty)
  }

  @Test func aSampledRoundKeepsTheInstructionsOfUnsampledTasks() async throws {
    let tasks = [
      Fixtures.task(), Fixtures.task(.gsm8k, instruction: Fixtures.otherInstruction, offset: 1),
    ]
    let engine = Fixtures.engine()
    let configuration = RunConfiguration(
      runID: "sampled", rounds: 2, steps: 1, batchSize: 2, selection: .count(1))
    let result = try await FederatedRun.heterogeneous(
      tasks: tasks, forwardEngine: engine, backwardEngine: engine,
      aggregator: DedupConcatAggregator(), configuration: configuration
    ).run()
    #expect(result.rounds.allSatisfy { $0.selectedClients.count == 1 })
    for round in result.rounds {
      #expect(
        round.aggregatedPrompt.hasSuffix(Fixtures.instruction + " " + Fixtures.otherInstruction))
    }
  }
}

/// A thread-safe call counter for closures.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func next() -> Int {
    lock.withLock {
      defer { value += 1 }
      return value
    }
  }
}
