import Foundation
import TextGrad

/// A training run: centralized, homogeneous or heterogeneous federated, ready to start.
///
/// `run(progress:)` trains round by round. After each finished round the state is written to
/// `runs/<run-id>/checkpoint.json` and events go to `runs/<run-id>/log.jsonl`; running the
/// same run id again continues after the last finished round. Cancelling the calling task
/// stops the run at the next model call and throws `CancellationError`; finished rounds stay
/// in the checkpoint (calls of the interrupted round are neither kept nor counted).
///
/// Results never depend on the order in which concurrent work finishes: every batch and
/// every selection has its own seed, and client results are stored by client position.
public struct FederatedRun: Sendable {
  /// The protocol the run follows.
  public let kind: ExperimentKind
  /// The clients, by id.
  public let clients: [Client]
  /// How the server merges client prompts.
  public let aggregator: any Aggregator
  /// The tasks validated (mean over them) and tested (each) on.
  public let tasks: [TaskDefinition]
  /// The engine that answers validation and test questions.
  public let evaluationEngine: any LanguageModel
  /// The run's settings.
  public let configuration: RunConfiguration
  /// Whether a round whose merged prompt validates worse than the global prompt is undone
  /// (TextGrad's keep-if-not-worse validation; used by centralized runs).
  public let revertsOnValidationDrop: Bool
  /// The prompt the run starts from: the first global prompt, validated as the reference.
  public let startingPrompt: String
  /// Whether clients begin round 0 from their own prompts instead of `startingPrompt`
  /// (heterogeneous runs: each client starts from its task's prompt, as in FedTextGrad).
  public let clientsStartFromOwnPrompts: Bool

  /// A run of `clients` (ids 0, 1, 2... in order) merged by `aggregator`; the factories
  /// build the standard ones.
  public init(
    kind: ExperimentKind, clients: [Client], aggregator: any Aggregator, tasks: [TaskDefinition],
    evaluationEngine: any LanguageModel, configuration: RunConfiguration,
    revertsOnValidationDrop: Bool = false, startingPrompt: String,
    clientsStartFromOwnPrompts: Bool = false
  ) throws {
    guard !clients.isEmpty else { throw FedError.noClients }
    guard clients.map(\.id) == Array(clients.indices) else {
      throw FedError.clientIDsOutOfOrder(ids: clients.map(\.id))
    }
    for task in tasks {
      guard !task.val.isEmpty else { throw FedError.emptyExamples(what: "\(task.name) val") }
    }
    try configuration.validate()
    self.kind = kind
    self.clients = clients
    self.aggregator = aggregator
    self.tasks = tasks
    self.evaluationEngine = evaluationEngine
    self.configuration = configuration
    self.revertsOnValidationDrop = revertsOnValidationDrop
    self.startingPrompt = startingPrompt
    self.clientsStartFromOwnPrompts = clientsStartFromOwnPrompts
  }

  /// Trains all rounds (those not already checkpointed), then tests the last and the best
  /// prompt on every task's test split. `progress` sees every event as it is logged.
  public func run(progress: @escaping @Sendable (RunEvent) -> Void = { _ in }) async throws
    -> RunResult
  {
    let folder = configuration.runFolder
    let checkpoint = folder.map(Checkpoint.init(folder:))
    var saved = configuration.resume ? try checkpoint?.load() : nil
    if let state = saved, state.fingerprint != fingerprint {
      throw FedError.checkpointMismatch(
        path: checkpoint?.url.path ?? "", detail: "saved \(state.fingerprint), now \(fingerprint)")
    }
    if saved == nil { try checkpoint?.remove() }
    let log = try folder.map {
      try RunLog(url: $0.appendingPathComponent("log.jsonl"), truncate: saved == nil)
    }
    let sink = EventSink(log: log, progress: progress)
    let meter = UsageClock(engines: engines)
    var state: RunState
    // A fresh run validates its starting prompt while round 0 trains: nothing in the round
    // needs that accuracy until its merged prompt is judged.
    var startingValidation: Task<StartingValidation, any Error>?
    defer { startingValidation?.cancel() }
    if let restored = saved {
      state = restored
      restoreClientCounts(from: state)
      saved = nil
    } else {
      state = initialState(meter: meter)
      startingValidation = validateStartingPrompt()
    }
    var started = RunEvent(.runStarted, runID: configuration.runID, round: state.nextRound)
    started.prompt = state.globalPrompt
    try await sink.emit(started)
    while state.nextRound < configuration.rounds {
      try Task.checkCancellation()
      try await runRound(
        state.nextRound, state: &state, meter: meter, sink: sink,
        startingValidation: startingValidation)
      startingValidation = nil
      try checkpoint?.save(state)
      try await sink.emit(roundFinishedEvent(state))
    }
    if let startingValidation { _ = try await settle(startingValidation, into: &state) }
    let result = try await finish(state: state, meter: meter, sink: sink)
    try await log?.close()
    return result
  }

  /// Every engine whose usage the run counts.
  var engines: [any LanguageModel] {
    clients.flatMap { [$0.forwardEngine, $0.backwardEngine] } + [evaluationEngine]
      + aggregator.engines
  }

  /// The settings a checkpoint must share with the run that continues it (not the number of
  /// rounds, which may grow).
  var fingerprint: String {
    [
      kind.rawValue, "tasks=\(tasks.map(\.name).joined(separator: ","))",
      "clients=\(clients.count)", "own-start=\(clientsStartFromOwnPrompts)",
      "aggregator=\(aggregator.name)",
      "steps=\(configuration.steps)", "batch=\(configuration.batchSize)",
      "rule=\(configuration.updateRule.rawValue)", "seed=\(configuration.seed)",
      "selection=\(configuration.selection)",
    ].joined(separator: " ")
  }

  /// A fresh run's state; its starting accuracies are filled in by `settle(_:into:)`.
  private func initialState(meter: UsageClock) -> RunState {
    RunState(
      fingerprint: fingerprint, startingPrompt: startingPrompt,
      initialValidationAccuracy: 0, globalPrompt: startingPrompt,
      globalValidationAccuracy: 0, bestPrompt: startingPrompt,
      bestValidationAccuracy: 0, bestRound: nil,
      keptUpdates: clients.map(\.keptUpdates), revertedUpdates: clients.map(\.revertedUpdates),
      usage: meter.lap())
  }

  /// The starting prompt's validation, started now and counted apart from other calls.
  ///
  /// Nothing needs it before round 0's merged prompt is judged, after at least five calls a
  /// local step, so its questions go out a few at a time over the first local steps, spread
  /// across 2 × steps waves instead of all at once, where they would slow round 0's chain.
  private func validateStartingPrompt() -> Task<StartingValidation, any Error> {
    let engine = MeteredEngine(evaluationEngine)
    let largest = tasks.map(\.val.count).max() ?? 0
    let waves = configuration.rounds > 0 ? 2 * configuration.steps : 1
    let concurrency = min(configuration.concurrency, max(1, (largest + waves - 1) / waves))
    return Task {
      let accuracy = try await validationAccuracy(
        of: startingPrompt, engine: engine, concurrency: concurrency)
      return StartingValidation(accuracy: accuracy, usage: UsageTally(engine.usage))
    }
  }

  /// Waits for the starting prompt's validation (cancelling it if the caller is cancelled),
  /// records its accuracy as the initial, global and best one, and returns its usage.
  func settle(_ validation: Task<StartingValidation, any Error>, into state: inout RunState)
    async throws -> UsageTally
  {
    let outcome = try await withTaskCancellationHandler {
      try await validation.value
    } onCancel: {
      validation.cancel()
    }
    state.initialValidationAccuracy = outcome.accuracy
    state.globalValidationAccuracy = outcome.accuracy
    state.bestValidationAccuracy = outcome.accuracy
    return outcome.usage
  }

  private func restoreClientCounts(from state: RunState) {
    for client in clients where client.id < state.keptUpdates.count {
      client.restoreCounts(
        kept: state.keptUpdates[client.id], reverted: state.revertedUpdates[client.id])
    }
  }

  private func roundFinishedEvent(_ state: RunState) -> RunEvent {
    var event = RunEvent(.roundFinished, runID: configuration.runID, round: state.nextRound - 1)
    event.prompt = state.globalPrompt
    event.accuracy = state.rounds.last?.validationAccuracy
    event.usage = state.usage
    return event
  }

  /// Mean accuracy of `prompt` over the tasks' validation splits, the tasks scored at once
  /// (by `engine`, the evaluation engine unless given, each task with at most `concurrency`
  /// questions out, the configuration's unless given).
  func validationAccuracy(
    of prompt: String, engine: (any LanguageModel)? = nil, concurrency: Int? = nil
  ) async throws -> Double {
    let accuracies = try await accuracies(
      of: prompt, on: .val, engine: engine, concurrency: concurrency)
    return accuracies.isEmpty ? 0 : accuracies.reduce(0, +) / Double(accuracies.count)
  }

  /// The accuracy of `prompt` on each task's `split`, in task order; the tasks are scored
  /// concurrently (each evaluation keeps to `concurrency`, `configuration.concurrency` unless
  /// given).
  func accuracies(
    of prompt: String, on split: TaskSplit, engine: (any LanguageModel)? = nil,
    concurrency: Int? = nil
  ) async throws -> [Double] {
    let tasks = self.tasks
    let engine = engine ?? evaluationEngine
    let concurrency = concurrency ?? configuration.concurrency
    var results = [Double](repeating: 0, count: tasks.count)
    try await withThrowingTaskGroup(of: (Int, Double).self) { group in
      for (index, task) in tasks.enumerated() {
        group.addTask {
          let accuracy = try await Evaluation.accuracy(
            prompt: prompt, examples: task.examples(split), engine: engine, task: task,
            concurrency: concurrency)
          return (index, accuracy)
        }
      }
      while let (index, accuracy) = try await group.next() { results[index] = accuracy }
    }
    return results
  }
}

/// The starting prompt's validation accuracy and the calls it took.
struct StartingValidation: Sendable {
  var accuracy: Double
  var usage: UsageTally
}
