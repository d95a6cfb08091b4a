import TextGrad

extension FederatedRun {
  /// Runs round `round`: local steps on the selected clients (concurrently), aggregation,
  /// broadcast, validation and best-prompt tracking; the record is appended to `state`.
  /// The caller checkpoints the state, then reports the round finished.
  func runRound(
    _ round: Int, state: inout RunState, meter: UsageClock, sink: EventSink
  ) async throws {
    try await sink.emit(RunEvent(.roundStarted, runID: configuration.runID, round: round))
    let selected = try configuration.selection.select(
      from: clients.count, round: round, seed: configuration.seed)
    let records = try await trainClients(selected, round: round, from: state.globalPrompt, sink: sink)
    let context = AggregationContext(
      answerFormatInstructions: selected.map { clients[$0].shard.task.answerFormatInstruction })
    let merged = try await aggregator.aggregate(records.map(\.prompt), context: context)
    var aggregation = RunEvent(.aggregation, runID: configuration.runID, round: round)
    aggregation.prompt = merged
    try await sink.emit(aggregation)
    let accuracy = try await validationAccuracy(of: merged)
    let accepted = !revertsOnValidationDrop || accuracy >= state.globalValidationAccuracy
    if accepted {
      state.globalPrompt = merged
      state.globalValidationAccuracy = accuracy
    }
    for client in clients where client.prompt.value != state.globalPrompt {
      client.prompt.update(to: state.globalPrompt)
    }
    var validation = RunEvent(.validation, runID: configuration.runID, round: round)
    validation.prompt = merged
    validation.accuracy = accuracy
    try await sink.emit(validation)
    if accepted, accuracy > state.bestValidationAccuracy {
      state.bestPrompt = merged
      state.bestValidationAccuracy = accuracy
      state.bestRound = round
    }
    let usage = meter.lap()
    state.usage = state.usage + usage
    state.keptUpdates = clients.map(\.keptUpdates)
    state.revertedUpdates = clients.map(\.revertedUpdates)
    state.rounds.append(
      RoundRecord(
        round: round, selectedClients: selected, clients: records, aggregator: aggregator.name,
        aggregatedPrompt: merged, validationAccuracy: accuracy, accepted: accepted,
        globalPrompt: state.globalPrompt, usage: usage))
  }

  /// Runs `configuration.steps` local steps on each selected client, clients concurrently,
  /// each starting from `globalPrompt`; records come back in the order of `selected`.
  private func trainClients(
    _ selected: [Int], round: Int, from globalPrompt: String, sink: EventSink
  ) async throws -> [ClientRoundRecord] {
    var records = [ClientRoundRecord?](repeating: nil, count: selected.count)
    try await withThrowingTaskGroup(of: (Int, ClientRoundRecord).self) { group in
      for (position, id) in selected.enumerated() {
        let client = clients[id]
        group.addTask {
          (position, try await train(client, round: round, from: globalPrompt, sink: sink))
        }
      }
      while let (position, record) = try await group.next() { records[position] = record }
    }
    return records.compactMap { $0 }
  }

  private func train(
    _ client: Client, round: Int, from globalPrompt: String, sink: EventSink
  ) async throws -> ClientRoundRecord {
    if client.prompt.value != globalPrompt { client.prompt.update(to: globalPrompt) }
    var steps: [LocalStepRecord] = []
    for step in 0..<configuration.steps {
      try Task.checkCancellation()
      let record = try await client.localStep(
        round: round, step: step, batchSize: configuration.batchSize,
        rule: configuration.updateRule,
        seed: SeedMixer.seed(configuration.seed, 2, round, client.id, step),
        concurrency: configuration.concurrency)
      steps.append(record)
      try await sink.emit(stepEvent(record, task: client.shard.task.name.rawValue))
    }
    return ClientRoundRecord(
      client: client.id, task: client.shard.task.name.rawValue, steps: steps,
      prompt: client.prompt.value)
  }

  private func stepEvent(_ record: LocalStepRecord, task: String) -> RunEvent {
    var event = RunEvent(.clientStep, runID: configuration.runID, round: record.round)
    event.client = record.client
    event.step = record.step
    event.task = task
    event.accuracyBefore = record.accuracyBefore
    event.accuracyAfter = record.accuracyAfter
    event.kept = record.kept
    event.prompt = record.promptAfter
    event.gradients = record.gradients
    return event
  }
}
