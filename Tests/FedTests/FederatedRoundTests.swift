import Testing
import TextGrad

@testable import Fed

@Suite struct FederatedRoundTests {
  @Test func aStandaloneRoundTrainsAggregatesAndBroadcasts() async throws {
    let engine = Fixtures.engine()
    let clients = try Partition.iid(Fixtures.task(), clients: 3).map {
      Client(id: $0.index, shard: $0, forwardEngine: engine, backwardEngine: engine)
    }
    let outcome = try await FederatedRound(steps: 2, batchSize: 2).run(
      clients, aggregator: DedupConcatAggregator())
    #expect(outcome.clients.map(\.client) == [0, 1, 2])
    #expect(outcome.clients[0].gradients.count == 4)
    #expect(outcome.clients[0].prompt.contains(Fixtures.marker))
    #expect(outcome.prompt.hasSuffix(Fixtures.instruction))
    #expect(outcome.prompt.components(separatedBy: Fixtures.instruction).count == 2)
    #expect(clients.allSatisfy { $0.prompt.value == outcome.prompt })
  }

  @Test func theEventStreamCarriesTheWholeRun() async throws {
    let engine = Fixtures.engine()
    let run = try FederatedRun.homogeneous(
      task: Fixtures.task(), clientCount: 2, forwardEngine: engine, backwardEngine: engine,
      aggregator: ConcatAggregator(),
      configuration: RunConfiguration(runID: "stream", rounds: 1, steps: 1, batchSize: 2))
    let (events, task) = run.start()
    var kinds: [RunEvent.Kind] = []
    for await event in events { kinds.append(event.kind) }
    let result = try await task.value
    #expect(kinds.first == .runStarted && kinds.last == .runFinished)
    #expect(kinds.filter { $0 == .clientStep }.count == 2)
    #expect(result.rounds.count == 1)
  }

  @Test func runsRejectClientsNumberedOutOfOrder() throws {
    let engine = Fixtures.engine()
    let shard = Shard(index: 0, task: Fixtures.task(), examples: Fixtures.task().train)
    let client = Client(id: 5, shard: shard, forwardEngine: engine, backwardEngine: engine)
    #expect(throws: FedError.clientIDsOutOfOrder(ids: [5])) {
      try FederatedRun(
        kind: .homogeneous, clients: [client], aggregator: ConcatAggregator(),
        tasks: [Fixtures.task()], evaluationEngine: engine,
        configuration: RunConfiguration(runID: "bad"), startingPrompt: "p")
    }
  }
}
