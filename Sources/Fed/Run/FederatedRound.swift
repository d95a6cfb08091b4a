import Foundation
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
  /// Seconds a round waits for its clients; those not done by then are left out of the merge
  /// (nil: it waits for all).
  public var deadline: Double?

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
  /// Records come back in the order of `clients`, whatever order they finish in. A client out
  /// of the round (see `participants`) fails it here.
  public func train(
    _ clients: [Client], round: Int, from globalPrompt: String?,
    onStep: @escaping @Sendable (LocalStepRecord) async throws -> Void
  ) async throws -> [ClientRoundRecord] {
    let outcome = try await participants(clients, round: round, from: globalPrompt, onStep: onStep)
    if let first = outcome.absent.first { throw ClientUnavailable(client: first.key, reason: first.value) }
    return outcome.records
  }

  /// As `train`, leaving out the clients that cannot take part.
  ///
  /// Those are the clients whose profile makes them drop out or fail (`ClientUnavailable`) and
  /// those not done by the `deadline`. Returns the records of the others, in the order of
  /// `clients`, and why each absent client is absent.
  public func participants(
    _ clients: [Client], round: Int, from globalPrompt: String?,
    onStep: @escaping @Sendable (LocalStepRecord) async throws -> Void
  ) async throws -> (records: [ClientRoundRecord], absent: [Int: String]) {
    guard !clients.isEmpty else { throw FedError.noClients }
    guard steps >= 1 else { throw FedError.invalidCount(name: "steps", value: steps) }
    guard batchSize >= 1 else { throw FedError.invalidCount(name: "batch size", value: batchSize) }
    for client in clients where client.shard.examples.isEmpty {
      throw FedError.emptyExamples(what: "client \(client.id) shard")
    }
    enum Outcome: Sendable {
      case done(Int, ClientRoundRecord)
      case absent(Int, String)
      case deadline
    }
    let late = LateFlag()
    var records = [ClientRoundRecord?](repeating: nil, count: clients.count)
    var absent: [Int: String] = [:]
    try await withThrowingTaskGroup(of: Outcome.self) { group in
      for (position, client) in clients.enumerated() {
        group.addTask {
          do {
            return try await CallAttribution.during(.init(.round, round: round + 1, client: client.id)) {
              .done(position, try await train(client, round: round, from: globalPrompt, onStep: onStep))
            }
          } catch let unavailable as ClientUnavailable {
            return .absent(position, unavailable.reason)
          } catch is CancellationError where late.isSet {
            return .absent(position, "missed the deadline")
          }
        }
      }
      if let deadline {
        group.addTask {
          try? await Task.sleep(for: .milliseconds(Int(deadline * 1000)))
          return .deadline
        }
      }
      var pending = clients.count
      while pending > 0, let outcome = try await group.next() {
        switch outcome {
        case .done(let position, let record):
          records[position] = record
          pending -= 1
        case .absent(let position, let reason):
          absent[clients[position].id] = reason
          pending -= 1
        case .deadline:
          guard !Task.isCancelled else { continue }
          late.set()
          group.cancelAll()
        }
      }
      group.cancelAll()
    }
    return (records.compactMap { $0 }, absent)
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

/// Set once a round's deadline has passed, so the clients it cancels count as late.
private final class LateFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var late = false

  var isSet: Bool { lock.withLock { late } }
  func set() { lock.withLock { late = true } }
}
