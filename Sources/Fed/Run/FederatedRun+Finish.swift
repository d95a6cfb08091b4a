import TextGrad

extension FederatedRun {
  /// Tests the last and the best prompt on every evaluation task's test split (all at once)
  /// and builds the result.
  ///
  /// FedTextGrad's script scores the last prompt under both names; here the best prompt (by
  /// validation) is the one scored as best. When both are the same text it is scored once.
  func finish(state: RunState, meter: UsageClock, sink: EventSink) async throws -> RunResult {
    try await CallAttribution.during(.init(.test)) { try await test(state: state, meter: meter, sink: sink) }
  }

  private func test(state: RunState, meter: UsageClock, sink: EventSink) async throws -> RunResult {
    let sameText = state.bestPrompt == state.globalPrompt
    async let lastScores = accuracies(of: state.globalPrompt, on: .test)
    async let bestScores = sameText ? [] : accuracies(of: state.bestPrompt, on: .test)
    let last = try await testAccuracies(lastScores, of: state.globalPrompt, which: "last", sink: sink)
    let best =
      sameText
      ? last : try await testAccuracies(bestScores, of: state.bestPrompt, which: "best", sink: sink)
    let usage = state.usage + meter.lap()
    let zeroShot = ZeroShot(
      prompts: zeroShotPrompts, val: state.zeroShotVal ?? [], test: state.zeroShotTest ?? [])
    let missingVerdicts =
      clients.map(\.scorer.missingVerdicts).reduce(0, +)
      + scorers.values.map(\.missingVerdicts).reduce(0, +)
    var finished = RunEvent(.runFinished, runID: configuration.runID)
    finished.prompt = state.bestPrompt
    finished.accuracy = best.meanAccuracy
    finished.usage = usage
    try await sink.emit(finished)
    return RunResult(
      runID: configuration.runID, kind: kind, startingPrompt: state.startingPrompt,
      initialValidationAccuracy: state.initialValidationAccuracy, rounds: state.rounds,
      lastPrompt: state.globalPrompt, bestPrompt: state.bestPrompt,
      bestValidationAccuracy: state.bestValidationAccuracy, bestRound: state.bestRound,
      lastTestAccuracy: last, bestTestAccuracy: best, keptUpdates: clients.map(\.keptUpdates),
      revertedUpdates: clients.map(\.revertedUpdates), usage: usage,
      lastPromptComplexity: PromptComplexity(of: state.globalPrompt),
      bestPromptComplexity: PromptComplexity(of: state.bestPrompt), zeroShot: zeroShot,
      missingVerdicts: missingVerdicts,
      skippedUpdates: clients.map(\.optimizer.skippedUpdates).reduce(0, +))
  }

  /// Names each task's test accuracy and logs it, in task order.
  private func testAccuracies(
    _ scores: [TaskAccuracy], of prompt: String, which: String, sink: EventSink
  ) async throws -> [TaskAccuracy] {
    for score in scores {
      var event = RunEvent(.test, runID: configuration.runID)
      event.task = score.task
      event.which = which
      event.prompt = prompt
      event.accuracy = score.accuracy
      try await sink.emit(event)
    }
    return scores
  }
}
