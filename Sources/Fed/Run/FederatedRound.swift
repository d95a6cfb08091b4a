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
  /// The seed batches are shuffled with (each client and epoch shuffles on its own).
  public var seed: Int
  /// Most examples of a batch asked about at once (the engines bound what is in flight).
  public var concurrency: Int
  /// How many rounds make one epoch of the clients' batch loaders: 1 for FedTextGrad, where
  /// every round shuffles anew; TextGrad's protocol, run as one round per step, continues
  /// one shuffle over an epoch's steps.
  public var roundsPerEpoch: Int

  /// A round of `steps` steps on batches of `batchSize`; by default FedTextGrad's: 4 steps
  /// (its `--max_steps 3` loops run four), batches of 3, updates kept only if they improve.
  public init(
    steps: Int = 4, batchSize: Int = 3, updateRule: UpdateRule = .improve, seed: Int = 42,
    concurrency: Int = Evaluation.defaultConcurrency, roundsPerEpoch: Int = 1
  ) {
    self.steps = steps
    self.batchSize = batchSize
    self.updateRule = updateRule
    self.seed = seed
    self.concurrency = concurrency
    self.roundsPerEpoch = max(1, roundsPerEpoch)
  }

  /// Trains `clients` concurrently, aggregates their prompts and gives every client the merged prompt.
  ///
  /// With `globalPrompt`, every client starts from it; without, each client starts from its
  /// current prompt.
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

  /// Runs `steps` local steps on each client, clients concurrently; `onStep` sees each step as it finishes.
  ///
  /// Records come back in the order of `clients`, whatever order they finish in.
  public func train(
    _ clients: [Client], round: Int, from globalPrompt: String?,
    onStep: @escaping @Sendable (LocalStepRecord) async throws -> Void
  ) async throws -> [ClientRoundRecord] {
    guard !clients.isEmpty else { throw FedError.noClients }
    guard steps >= 1 else { throw FedError.invalidCount(name: "steps", value: steps) }
    guard batchSize >= 1 else { throw FedError.invalidCount(name: "batch size", value: batchSize) }
    for client in clients where client.shard.examples.isEmpty {
      throw FedError.emptyExamples(what: "client \(client.id) shard")
    }
    var records = [ClientRoundRecord?](repeating: nil, count: clients.count)
    try await withThrowingTaskGroup(of: (Int, ClientRoundRecord).self) { group in
      for (position, client) in clients.enumerated() {
        group.addTask {
          try await CallAttribution.during(.init(.round, round: round + 1, client: client.id)) {
            (position, try await train(client, round: round, from: globalPrompt, onStep: onStep))
          }
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
    let loader = EpochBatches(
      count: client.shard.examples.count, size: batchSize, seed: seed, client: client.id)
    let epoch = round / roundsPerEpoch
    let firstStep = (round % roundsPerEpoch) * steps
    for step in 0..<steps {
      try Task.checkCancellation()
      let batch = loader.batch(epoch: epoch, step: firstStep + step).map {
        client.shard.examples[$0]
      }
      let record = try await client.localStep(
        round: round, step: step, batch: batch, rule: updateRule, concurrency: concurrency)
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
