import TextGrad

extension FederatedRun {
  /// Tests the last and the best prompt on every task's test split (all at once) and builds
  /// the result.
  ///
  /// FedTextGrad's script scores the last prompt under both names; here the best prompt (by
  /// validation) is the one scored as best. When both are the same text it is scored once.
  func finish(state: RunState, meter: UsageClock, sink: EventSink) async throws -> RunResult {
    let sameText = state.bestPrompt == state.globalPrompt
    async let lastScores = accuracies(of: state.globalPrompt, on: .test)
    async let bestScores = sameText ? [] : accuracies(of: state.bestPrompt, on: .test)
    let last = try await testAccuracies(lastScores, of: state.globalPrompt, which: "last", sink: sink)
    let best =
      sameText
      ? last : try await testAccuracies(bestScores, of: state.bestPrompt, which: "best", sink: sink)
    let usage = state.usage + meter.lap()
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
      bestPromptComplexity: PromptComplexity(of: state.bestPrompt))
  }

  /// Names each task's test accuracy and logs it, in task order.
  private func testAccuracies(
    _ scores: [Double], of prompt: String, which: String, sink: EventSink
  ) async throws -> [TaskAccuracy] {
    var results: [TaskAccuracy] = []
    for (task, accuracy) in zip(tasks, scores) {
      results.append(TaskAccuracy(task: task.name, accuracy: accuracy))
      var event = RunEvent(.test, runID: configuration.runID)
      event.task = task.name
      event.which = which
      event.prompt = prompt
      event.accuracy = accuracy
      try await sink.emit(event)
    }
    return results
  }
}
