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
  /// The clients' tasks, each once: zero-shot accuracies are measured on every one.
  public let tasks: [TaskDefinition]
  /// The tasks merged prompts are validated (mean over them) and tested (each) on.
  public let evaluationTasks: [TaskDefinition]
  /// How each task's answers are scored in validation and tests (the task's rule, or its
  /// judge asking the judge engine), by task name.
  public let scorers: [String: ResponseScorer]
  /// The engine that answers validation and test questions.
  public let evaluationEngine: any LanguageModel
  /// The run's settings.
  public let configuration: RunConfiguration
  /// Whether a round whose merged prompt validates worse than the global prompt is undone
  /// (TextGrad's per-step validation, used by `CentralizedProtocol.textgrad`).
  public let revertsOnValidationDrop: Bool
  /// The prompt the run starts from: the first global prompt.
  public let startingPrompt: String
  /// Whether clients begin round 0 from their own prompts instead of `startingPrompt`.
  ///
  /// They do in heterogeneous runs: each client starts from its task's prompt, as in
  /// FedTextGrad. Such a run has no single starting prompt to beat: its first merged prompt is
  /// its first best.
  public let clientsStartFromOwnPrompts: Bool
  /// The prompt each task's zero-shot accuracy is measured with: the prompt its first client
  /// starts from, as the run is made.
  public let zeroShotPrompts: [String]

  /// A run of `clients` (ids 0, 1, 2 and so on, in order) merged by `aggregator`.
  ///
  /// The factories build the standard ones. Judged tasks are judged by `judgeEngine` (the first
  /// client's backward engine unless given), in the words of `templates`; `selection` picks the
  /// tasks merged prompts are validated and tested on.
  public init(
    kind: ExperimentKind, clients: [Client], aggregator: any Aggregator, tasks: [TaskDefinition],
    evaluationEngine: any LanguageModel, judgeEngine: (any LanguageModel)? = nil,
    templates: PromptTemplates = .ftg, configuration: RunConfiguration,
    revertsOnValidationDrop: Bool = false, startingPrompt: String,
    clientsStartFromOwnPrompts: Bool = false, selection: TaskSelection = .mean
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
    self.evaluationTasks = selection == .first ? Array(tasks.prefix(1)) : tasks
    let judge = judgeEngine ?? clients[0].backwardEngine
    self.scorers = Dictionary(
      tasks.map { ($0.name, ResponseScorer(task: $0, judgeEngine: judge, templates: templates)) },
      uniquingKeysWith: { first, _ in first })
    self.evaluationEngine = evaluationEngine
    self.configuration = configuration
    self.revertsOnValidationDrop = revertsOnValidationDrop
    self.startingPrompt = startingPrompt
    self.clientsStartFromOwnPrompts = clientsStartFromOwnPrompts
    self.zeroShotPrompts = tasks.map { task in
      clients.first { $0.shard.task.name == task.name }?.prompt.value ?? startingPrompt
    }
  }

  /// Trains all rounds, then tests the last and the best prompt on every task's test split.
  ///
  /// Rounds already checkpointed are not trained again. `progress` sees every event as it is
  /// logged.
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
    let ledger = CallLedger(rows: saved?.ledger ?? [])
    return try await CallLedger.$current.withValue(ledger) {
      try await run(from: saved, checkpoint: checkpoint, log: log, sink: sink, ledger: ledger)
    }
  }

  /// The run proper, its calls counted in `ledger`.
  private func run(
    from saved: RunState?, checkpoint: Checkpoint?, log: RunLog?, sink: EventSink, ledger: CallLedger
  ) async throws -> RunResult {
    var saved = saved
    let meter = UsageClock(engines: engines)
    var state: RunState
    // A fresh run measures its starting prompts while round 0 trains: nothing in the round
    // needs those accuracies until its merged prompt is judged.
    var startingValidation: Task<StartingValidation, any Error>?
    defer { startingValidation?.cancel() }
    if let restored = saved {
      state = restored
      restoreClientCounts(from: state)
      saved = nil
    } else {
      state = initialState(meter: meter)
      startingValidation = measureZeroShot()
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
      state.ledger = ledger.rows
      try checkpoint?.save(state)
      try await sink.emit(roundFinishedEvent(state))
    }
    if let startingValidation { _ = try await settle(startingValidation, into: &state) }
    if state.zeroShotVal == nil || state.zeroShotTest == nil {
      _ = try await settle(measureZeroShot(), into: &state)
    }
    var result = try await finish(state: state, meter: meter, sink: sink)
    result.ledger = ledger.rows
    try await log?.close()
    return result
  }

  /// Every engine whose usage the run counts.
  var engines: [any LanguageModel] {
    clients.flatMap { [$0.forwardEngine, $0.backwardEngine] } + [evaluationEngine]
      + scorers.values.compactMap { $0.judge?.evaluation.call.call.engine } + aggregator.engines
  }

  /// The settings a checkpoint must share with the run that continues it (not the number of
  /// rounds, which may grow).
  var fingerprint: String {
    [
      kind.rawValue, "tasks=\(tasks.map(\.name).joined(separator: ","))",
      "eval=\(evaluationTasks.map { "\($0.name):\($0.evaluation.rawValue)" }.joined(separator: ","))",
      "clients=\(clients.count)", "own-start=\(clientsStartFromOwnPrompts)",
      "aggregator=\(aggregator.name)",
      "steps=\(configuration.steps)", "batch=\(configuration.batchSize)",
      "rule=\(configuration.updateRule.rawValue)", "epoch=\(configuration.roundsPerEpoch)",
      "revert=\(revertsOnValidationDrop)", "seed=\(configuration.seed)",
      "selection=\(configuration.selection)", "templates=\(clients[0].templates.fingerprint)",
    ].joined(separator: " ") + (configuration.redact ? " redact" : "")
      + (configuration.deadline.map { " deadline=\($0)" } ?? "")
  }

  /// A fresh run's state; its starting accuracies are filled in by `settle(_:into:)`.
  ///
  /// A run whose clients start from their own prompts has no starting prompt to beat, so its
  /// best accuracy starts below any real one.
  private func initialState(meter: UsageClock) -> RunState {
    RunState(
      fingerprint: fingerprint, startingPrompt: startingPrompt,
      initialValidationAccuracy: 0, globalPrompt: startingPrompt,
      globalValidationAccuracy: 0, bestPrompt: startingPrompt,
      bestValidationAccuracy: clientsStartFromOwnPrompts ? -1 : 0, bestRound: nil,
      keptUpdates: clients.map(\.keptUpdates), revertedUpdates: clients.map(\.revertedUpdates),
      usage: meter.lap())
  }

  /// The zero-shot validation and test accuracies, started now and counted apart from other
  /// calls.
  ///
  /// Nothing needs them before round 0's merged prompt is judged, after at least five calls a
  /// local step, so their questions go out a few at a time over the first local steps, spread
  /// across 2 × steps waves instead of all at once, where they would slow round 0's chain.
  private func measureZeroShot() -> Task<StartingValidation, any Error> {
    let engine = MeteredEngine(evaluationEngine)
    let prompts = zeroShotPrompts
    let largest = tasks.map { $0.val.count + $0.test.count }.max() ?? 0
    let waves = configuration.rounds > 0 ? 2 * configuration.steps : 1
    let concurrency = min(configuration.concurrency, max(1, (largest + waves - 1) / waves))
    let jobs = tasks.indices.flatMap { index in [(index, TaskSplit.val), (index, TaskSplit.test)] }
    return Task {
      let accuracies = try await CallAttribution.during(.init(.zeroShot)) {
        try await CallRole.during(.evaluation) {
          try await Evaluation.inOrder(jobs.count, concurrency: jobs.count) { job in
            let (index, split) = jobs[job]
            let share = max(1, concurrency / 2)
            return try await accuracy(
              of: prompts[index], on: tasks[index], split: split, engine: engine, concurrency: share)
          }
        }
      }
      func named(_ split: TaskSplit) -> [TaskAccuracy] {
        zip(jobs, accuracies).filter { $0.0.1 == split }.map {
          let task = tasks[$0.0.0]
          return TaskAccuracy(task: task.name, accuracy: $0.1, count: task.examples(split).count)
        }
      }
      return StartingValidation(val: named(.val), test: named(.test), usage: UsageTally(engine.usage))
    }
  }

  /// Waits for the zero-shot accuracies (cancelling it if the caller is cancelled), records
  /// it, and takes its mean over the evaluation tasks as the initial and global accuracy (and
  /// the best, when the run has a starting prompt to beat); returns its usage.
  func settle(_ validation: Task<StartingValidation, any Error>, into state: inout RunState)
    async throws -> UsageTally
  {
    let outcome = try await awaitCancellable(validation)
    state.zeroShotVal = outcome.val
    state.zeroShotTest = outcome.test
    let names = Set(evaluationTasks.map(\.name))
    let accuracy = outcome.val.filter { names.contains($0.task) }.meanAccuracy
    state.initialValidationAccuracy = accuracy
    state.globalValidationAccuracy = accuracy
    if !clientsStartFromOwnPrompts { state.bestValidationAccuracy = accuracy }
    return outcome.usage
  }

  /// The task's value, cancelling the task when the caller is cancelled.
  private func awaitCancellable(_ task: Task<StartingValidation, any Error>) async throws
    -> StartingValidation
  {
    try await withTaskCancellationHandler {
      try await task.value
    } onCancel: {
      task.cancel()
    }
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

  /// The accuracy of `prompt` on each evaluation task's `split`, in task order; the tasks
  /// are scored concurrently, their calls counted as evaluation.
  func accuracies(of prompt: String, on split: TaskSplit) async throws -> [TaskAccuracy] {
    let tasks = evaluationTasks
    var results = [Double](repeating: 0, count: tasks.count)
    try await CallRole.during(.evaluation) {
      try await withThrowingTaskGroup(of: (Int, Double).self) { group in
        for (index, task) in tasks.enumerated() {
          group.addTask {
            (index, try await accuracy(of: prompt, on: task, split: split))
          }
        }
        while let (index, accuracy) = try await group.next() { results[index] = accuracy }
      }
    }
    return zip(tasks, results).map {
      TaskAccuracy(task: $0.name, accuracy: $1, count: $0.examples(split).count)
    }
  }

  /// The accuracy of `prompt` on `task`'s `split`, asked of `engine` (the evaluation engine
  /// unless given) with at most `concurrency` questions out (the configuration's unless given).
  private func accuracy(
    of prompt: String, on task: TaskDefinition, split: TaskSplit,
    engine: (any LanguageModel)? = nil, concurrency: Int? = nil
  ) async throws -> Double {
    guard let scorer = scorers[task.name] else { return 0 }
    return try await Evaluation.accuracy(
      prompt: prompt, examples: task.examples(split), engine: engine ?? evaluationEngine,
      scorer: scorer, concurrency: concurrency ?? configuration.concurrency)
  }
}

/// Zero-shot accuracies per task and the calls they took.
struct StartingValidation: Sendable {
  var val: [TaskAccuracy]
  var test: [TaskAccuracy]
  var usage: UsageTally
}
