import TextGrad

/// One round of local training and aggregation, usable on its own (the language's `round`)
/// and by `FederatedRun`, which adds validation, checkpoints and logs around it.
public struct FederatedRound: Sendable {
  /// Local TGD steps per client.
  public var steps: Int
  /// Examples per batch.
  public var batchSize: Int
  /// When a client keeps an update.
  public var updateRule: UpdateRule
  /// The seed batches are drawn from (each client and step gets its own derived seed).
  public var seed: Int
  /// Most examples of a batch asked about at once (the engines bound what is in flight).
  public var concurrency: Int

  /// A round of `steps` steps on batches of `batchSize`.
  public init(
    steps: Int = 3, batchSize: Int = 3, updateRule: UpdateRule = .revertOnDrop, seed: Int = 42,
    concurrency: Int = Evaluation.defaultConcurrency
  ) {
    self.steps = steps
    self.batchSize = batchSize
    self.updateRule = updateRule
    self.seed = seed
    self.concurrency = concurrency
  }

  /// Trains `clients` concurrently, aggregates their prompts and gives every client the
  /// merged prompt. With `globalPrompt`, every client starts from it; without, each client
  /// starts from its current prompt.
  public func run(
    _ clients: [Client], aggregator: any Aggregator, round: Int = 0,
    from globalPrompt: String? = nil
  ) async throws -> RoundOutcome {
    let records = try await train(clients, round: round, from: globalPrompt) { _ in }
    let context = AggregationContext(
      answerFormatInstructions: clients.map(\.shard.task.answerFormatInstruction))
    let merged = try await aggregator.aggregate(records.map(\.prompt), context: context)
    for client in clients where client.prompt.value != merged { client.prompt.update(to: merged) }
    return RoundOutcome(clients: records, prompt: merged)
  }

  /// Runs `steps` local steps on each client, clients concurrently; `onStep` sees each step
  /// as it finishes. Records come back in the order of `clients`, whatever order they finish in.
  public func train(
    _ clients: [Client], round: Int, from globalPrompt: String?,
    onStep: @escaping @Sendable (LocalStepRecord) async throws -> Void
  ) async throws -> [ClientRoundRecord] {
    guard !clients.isEmpty else { throw FedError.noClients }
    guard steps >= 1 else { throw FedError.invalidCount(name: "steps", value: steps) }
    var records = [ClientRoundRecord?](repeating: nil, count: clients.count)
    try await withThrowingTaskGroup(of: (Int, ClientRoundRecord).self) { group in
      for (position, client) in clients.enumerated() {
        group.addTask {
          (position, try await train(client, round: round, from: globalPrompt, onStep: onStep))
        }
      }
      while let (position, record) = try await group.next() { records[position] = record }
    }
    return records.compactMap { $0 }
  }

  private func train(
    _ client: Client, round: Int, from globalPrompt: String?,
    onStep: @Sendable (LocalStepRecord) async throws -> Void
  ) async throws -> ClientRoundRecord {
    if let globalPrompt, client.prompt.value != globalPrompt {
      client.prompt.update(to: globalPrompt)
    }
    var records: [LocalStepRecord] = []
    for step in 0..<steps {
      try Task.checkCancellation()
      let record = try await client.localStep(
        round: round, step: step, batchSize: batchSize, rule: updateRule,
        seed: SeedMixer.seed(seed, 2, round, client.id, step), concurrency: concurrency)
      records.append(record)
      try await onStep(record)
    }
    return ClientRoundRecord(
      client: client.id, task: client.shard.task.name, steps: records,
      prompt: client.prompt.value)
  }
}

/// What `FederatedRound.run` produced: each client's work and the merged prompt.
public struct RoundOutcome: Sendable, Hashable, Codable {
  /// Each client's record, in the order the clients were given.
  public var clients: [ClientRoundRecord]
  /// The aggregated prompt, now every client's prompt.
  public var prompt: String
}
