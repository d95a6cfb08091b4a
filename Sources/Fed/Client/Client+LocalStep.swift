import TextGrad

extension Client {
  /// Runs one local step as FedTextGrad does and returns its record.
  ///
  /// Answers the batch's questions concurrently under the current prompt, scores each (the
  /// task's rule or its judge, `scorer`), joins the losses with `Sum`, runs `backward` and
  /// one TGD update, then answers and scores the same batch under the new prompt and keeps or
  /// reverts the update according to `rule`. All its calls count as training (`forward`,
  /// `judge`, `backward`, `optimizer`), the re-scoring included.
  public func localStep(
    round: Int, step: Int, batch: [Example], rule: UpdateRule,
    concurrency: Int = Evaluation.defaultConcurrency
  ) async throws -> LocalStepRecord {
    guard !batch.isEmpty else { throw FedError.emptyExamples(what: "client \(id) batch") }
    optimizer.zeroGrad()
    let before = prompt.value
    let losses = try await CallRole.during(.forward) {
      try await forwardLosses(batch, concurrency: concurrency)
    }
    let accuracyBefore = losses.map(\.correct).reduce(0) { $0 + ($1 ? 1 : 0) }
    try await Sum.forward(losses.map(\.loss), templates: templates).backward(engine: backwardEngine)
    let gradients = prompt.gradients.map(\.text)
    try await optimizer.step()
    let proposed = prompt.value
    let accuracyAfter = try await CallRole.during(.forward) {
      try await Evaluation.accuracy(
        prompt: proposed, examples: batch, engine: forwardEngine, scorer: scorer,
        concurrency: concurrency)
    }
    let beforeFraction = Double(accuracyBefore) / Double(batch.count)
    let kept = rule.keeps(before: beforeFraction, after: accuracyAfter)
    if !kept { prompt.update(to: before) }
    count(kept: kept)
    return LocalStepRecord(
      round: round, client: id, step: step, batch: batch.map(\.x),
      accuracyBefore: beforeFraction, accuracyAfter: accuracyAfter, kept: kept,
      promptBefore: before, proposedPrompt: proposed, gradients: gradients)
  }

  /// Answers each example through the graph and scores it; results in batch order.
  private func forwardLosses(
    _ batch: [Example], concurrency: Int
  ) async throws -> [ScoredResponse] {
    let call = LLMCall(engine: forwardEngine, systemPrompt: prompt, templates: templates)
    let scorer = self.scorer
    let templates = self.templates
    return try await Evaluation.inOrder(batch.count, concurrency: concurrency) { index in
      let example = batch[index]
      let question = Variable(example.x, role: templates[.questionRole], requiresGrad: false)
      let asked = Variable(
        templates.render(.forwardUser, ["question": example.x]), role: templates[.questionRole],
        requiresGrad: false)
      let response = try await call.forward(asked, responseRole: templates[.responseRole])
      return try await scorer.score(response, question: question, example: example)
    }
  }
}
