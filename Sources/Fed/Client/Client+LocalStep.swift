import TextGrad

extension Client {
  /// What the string loss tells the feedback engine it measures.
  static let lossPurpose =
    "scores the prediction against the ground-truth answer: 1 if the final answer is right,"
    + " 0 if it is wrong"

  /// Runs one local step as FedTextGrad does and returns its record.
  ///
  /// Samples a batch of `batchSize` examples (seeded by `seed`), answers them concurrently
  /// under the current prompt, scores each with a `StringLoss`, joins the losses with `Sum`,
  /// runs `backward` and one TGD update, then re-scores the same batch under the new prompt
  /// and keeps or reverts the update according to `rule`.
  public func localStep(
    round: Int, step: Int, batchSize: Int, rule: UpdateRule, seed: Int,
    concurrency: Int = Evaluation.defaultConcurrency
  ) async throws -> LocalStepRecord {
    guard batchSize >= 1 else { throw FedError.invalidCount(name: "batch size", value: batchSize) }
    guard !shard.examples.isEmpty else { throw FedError.emptyExamples(what: "client \(id) shard") }
    var generator = PythonRandom(seed: seed)
    let batch = try generator.sample(
      shard.examples, count: min(batchSize, shard.examples.count))
    optimizer.zeroGrad()
    let before = prompt.value
    let losses = try await forwardLosses(batch, concurrency: concurrency)
    let accuracyBefore = losses.map(\.correct).reduce(0) { $0 + ($1 ? 1 : 0) }
    try await Sum.forward(losses.map(\.loss)).backward(engine: backwardEngine)
    let gradients = prompt.gradients.map(\.text)
    try await optimizer.step()
    let proposed = prompt.value
    let accuracyAfter = try await Evaluation.accuracy(
      prompt: proposed, examples: batch, engine: forwardEngine, task: shard.task,
      concurrency: concurrency)
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
  ) async throws -> [(loss: Variable, correct: Bool)] {
    let call = LLMCall(engine: forwardEngine, systemPrompt: prompt)
    let task = shard.task
    let loss = StringLoss(purpose: Self.lossPurpose) { values in
      task.scoring.isCorrect(
        response: values["prediction"] ?? "", groundTruth: values["ground_truth_answer"] ?? "")
        ? 1 : 0
    }
    var responses = [Variable?](repeating: nil, count: batch.count)
    try await withThrowingTaskGroup(of: (Int, Variable).self) { group in
      var next = 0
      func launch(_ index: Int) {
        let question = Variable(
          batch[index].x, role: "question to the language model", requiresGrad: false)
        group.addTask { (index, try await call.forward(question)) }
      }
      while next < min(max(1, concurrency), batch.count) {
        launch(next)
        next += 1
      }
      while let (index, response) = try await group.next() {
        responses[index] = response
        if next < batch.count {
          launch(next)
          next += 1
        }
      }
    }
    return try zip(batch, responses).map { example, response in
      guard let response else { throw CancellationError() }
      let answer = Variable(
        example.y, role: "correct answer to the question", requiresGrad: false)
      let value = try loss.forward(["prediction": response, "ground_truth_answer": answer])
      return (value, task.isCorrect(response: response.value, for: example))
    }
  }
}
