import TextGrad

extension FederatedRun {
  /// `result` (a run of this experiment) as if the server had merged with `aggregator`.
  ///
  /// Only the server's work is done again: each round's client prompts, as the run recorded
  /// them, are merged by `aggregator` (one call a round for an LLM merge, none for
  /// concatenation), the merged prompt is validated and accepted or not as the run's protocol
  /// says, and the best and last prompts are tested. No client calls are made, so this is the
  /// merges-only reading: in the real protocol each round's clients would have started from
  /// the new merged prompt, which a fresh run with the other aggregator shows (round 1's client
  /// calls are the same, so the response cache answers them). The zero-shot accuracies and
  /// the clients' records are the run's own.
  public func reaggregated(_ result: RunResult, with aggregator: any Aggregator) async throws -> RunResult {
    let ledger = CallLedger()
    return try await CallLedger.$current.withValue(ledger) {
      let meter = UsageClock(
        engines: [evaluationEngine] + scorers.values.compactMap { $0.judge?.evaluation.call.call.engine }
          + aggregator.engines)
      let context = AggregationContext(
        answerFormatInstructions: clients.map(\.shard.task.answerFormatInstruction))
      var state = RunState(
        fingerprint: fingerprint, startingPrompt: result.startingPrompt,
        initialValidationAccuracy: result.initialValidationAccuracy, globalPrompt: result.startingPrompt,
        globalValidationAccuracy: result.initialValidationAccuracy, bestPrompt: result.startingPrompt,
        bestValidationAccuracy: clientsStartFromOwnPrompts ? -1 : result.initialValidationAccuracy,
        bestRound: nil, keptUpdates: result.keptUpdates, revertedUpdates: result.revertedUpdates,
        usage: UsageTally(), zeroShotVal: result.zeroShot.val, zeroShotTest: result.zeroShot.test)
      for recorded in result.rounds {
        let server = CallAttribution(.round, round: recorded.round + 1)
        let merged = try await CallAttribution.during(server) {
          try await aggregator.aggregate(recorded.clients.map(\.prompt), context: context)
        }
        let byTask = try await CallAttribution.during(server) { try await accuracies(of: merged, on: .val) }
        let accepted = adopt(merged, accuracy: byTask.meanAccuracy, round: recorded.round, into: &state)
        let usage = meter.lap()
        state.usage = state.usage + usage
        var round = recorded
        round.aggregator = aggregator.name
        round.aggregatedPrompt = merged
        round.validationAccuracy = byTask.meanAccuracy
        round.validationByTask = byTask
        round.accepted = accepted
        round.globalPrompt = state.globalPrompt
        round.usage = usage
        state.rounds.append(round)
      }
      var reaggregated = try await finish(state: state, meter: meter, sink: EventSink(log: nil, progress: { _ in }))
      reaggregated.runID = result.runID + "+" + aggregator.name
      reaggregated.keptUpdates = result.keptUpdates
      reaggregated.revertedUpdates = result.revertedUpdates
      reaggregated.missingVerdicts = result.missingVerdicts
      reaggregated.skippedUpdates = result.skippedUpdates
      reaggregated.ledger = ledger.rows
      return reaggregated
    }
  }
}
