import TextGrad

extension FederatedRun {
  /// Runs round `round` and appends its record to `state`.
  ///
  /// The round is local steps on the selected clients (concurrently), aggregation, broadcast,
  /// validation and best-prompt tracking. The caller checkpoints the state, then reports the
  /// round finished.
  ///
  /// `startingValidation`, in a fresh run's first round, is the zero-shot measurement running
  /// alongside; it is awaited before the merged prompt is judged, and its calls count toward
  /// the run's usage but not the round's.
  func runRound(
    _ round: Int, state: inout RunState, meter: UsageClock, sink: EventSink,
    startingValidation: Task<StartingValidation, any Error>? = nil
  ) async throws {
    try await sink.emit(RunEvent(.roundStarted, runID: configuration.runID, round: round))
    let selected = try configuration.selection.select(
      from: clients.count, round: round, seed: configuration.seed)
    var training = FederatedRound(
      steps: configuration.steps, batchSize: configuration.batchSize,
      updateRule: configuration.updateRule, seed: configuration.seed,
      concurrency: configuration.concurrency, roundsPerEpoch: configuration.roundsPerEpoch)
    training.deadline = configuration.deadline
    let (records, absent) = try await training.participants(
      selected.map { clients[$0] }, round: round,
      from: round == 0 && clientsStartFromOwnPrompts ? nil : state.globalPrompt
    ) { [usageBefore = state.usage] record in
      var event = stepEvent(record)
      event.usage = usageBefore + meter.peek()
      try await sink.emit(event)
    }
    let context = AggregationContext(
      answerFormatInstructions: clients.map(\.shard.task.answerFormatInstruction))
    let server = CallAttribution(.round, round: round + 1)
    let sent = configuration.redact ? redactedPrompts(records) : (prompts: records.map(\.prompt), count: nil)
    // With no client in the round, the server has nothing to merge and keeps its prompt.
    let merged =
      sent.prompts.isEmpty
      ? state.globalPrompt
      : try await CallAttribution.during(server) { try await aggregator.aggregate(sent.prompts, context: context) }
    var aggregation = RunEvent(.aggregation, runID: configuration.runID, round: round)
    aggregation.prompt = merged
    try await sink.emit(aggregation)
    let byTask = try await CallAttribution.during(server) { try await accuracies(of: merged, on: .val) }
    let accuracy = byTask.meanAccuracy
    var startingUsage = UsageTally()
    if let startingValidation { startingUsage = try await settle(startingValidation, into: &state) }
    let accepted = adopt(merged, accuracy: accuracy, round: round, into: &state)
    for client in clients where client.prompt.value != state.globalPrompt {
      client.prompt.update(to: state.globalPrompt)
    }
    var validation = RunEvent(.validation, runID: configuration.runID, round: round)
    validation.prompt = merged
    validation.accuracy = accuracy
    try await sink.emit(validation)
    let usage = meter.lap() - startingUsage
    state.usage = state.usage + startingUsage + usage
    state.keptUpdates = clients.map(\.keptUpdates)
    state.revertedUpdates = clients.map(\.revertedUpdates)
    state.rounds.append(
      RoundRecord(
        round: round, selectedClients: selected, clients: records, aggregator: aggregator.name,
        aggregatedPrompt: merged, validationAccuracy: accuracy, validationByTask: byTask,
        accepted: accepted, globalPrompt: state.globalPrompt, usage: usage, redacted: sent.count,
        absent: absent.isEmpty ? nil : absent))
  }

  /// The clients' prompts with their training data cut out, as they leave the clients, and
  /// how many spans were cut.
  private func redactedPrompts(_ records: [ClientRoundRecord]) -> (prompts: [String], count: Int?) {
    var total = 0
    let prompts = records.map { record in
      let client = clients[record.client]
      let scanner = LeakScanner(
        examples: client.shard.examples,
        population: client.shard.task.train + client.shard.task.val + client.shard.task.test)
      let (text, count) = scanner.redacted(record.prompt)
      total += count
      return text
    }
    return (prompts, total)
  }

  /// Takes the merged prompt of `round` as the global prompt unless the protocol reverts on a
  /// validation drop and it dropped, and as the best prompt when it beats the best so far;
  /// returns whether it was accepted.
  func adopt(_ merged: String, accuracy: Double, round: Int, into state: inout RunState) -> Bool {
    let accepted = !revertsOnValidationDrop || accuracy >= state.globalValidationAccuracy
    if accepted {
      state.globalPrompt = merged
      state.globalValidationAccuracy = accuracy
    }
    if accepted, accuracy > state.bestValidationAccuracy {
      state.bestPrompt = merged
      state.bestValidationAccuracy = accuracy
      state.bestRound = round
    }
    return accepted
  }

  private func stepEvent(_ record: LocalStepRecord) -> RunEvent {
    var event = RunEvent(.clientStep, runID: configuration.runID, round: record.round)
    event.client = record.client
    event.step = record.step
    event.task = clients[record.client].shard.task.name
    event.accuracyBefore = record.accuracyBefore
    event.accuracyAfter = record.accuracyAfter
    event.kept = record.kept
    event.prompt = record.promptAfter
    event.gradients = record.gradients
    return event
  }
}
