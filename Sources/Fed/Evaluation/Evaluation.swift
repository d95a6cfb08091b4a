import TextGrad

/// Scores prompts on examples: answers are asked for concurrently, results kept in order.
public enum Evaluation {
  /// The default number of examples asked about at once.
  ///
  /// It only bounds how many waiting tasks an evaluation makes: the engine's own limit of
  /// requests in flight (`engine(..., limit:)`) decides how many are sent together.
  public static let defaultConcurrency = 256

  /// Whether each example is answered correctly under `prompt`, in example order.
  ///
  /// At most `concurrency` examples are in flight; the forward call is a system message with
  /// the prompt and the `forward.user` template filled with the question, at temperature 0;
  /// `scorer` decides (the task's rule, or its judge). The calls count under the caller's
  /// `CallRole`, the judge's under `judge`.
  public static func correctness(
    prompt: String, examples: [Example], engine: any LanguageModel, scorer: ResponseScorer,
    concurrency: Int = defaultConcurrency
  ) async throws -> [Bool] {
    let templates = scorer.templates
    return try await inOrder(examples.count, concurrency: concurrency) { index in
      let example = examples[index]
      let question = templates.render(.forwardUser, ["question": example.x])
      let reply = try await engine.complete([.system(prompt), .user(question)], temperature: 0)
      return try await scorer.isCorrect(reply.text, for: example)
    }
  }

  /// The fraction of `examples` answered correctly under `prompt`; 0 for no examples.
  public static func accuracy(
    prompt: String, examples: [Example], engine: any LanguageModel, scorer: ResponseScorer,
    concurrency: Int = defaultConcurrency
  ) async throws -> Double {
    let correct = try await correctness(
      prompt: prompt, examples: examples, engine: engine, scorer: scorer,
      concurrency: concurrency)
    return mean(correct)
  }

  /// `work(0..<count)` with at most `concurrency` items running at once, results in index
  /// order whatever order they finish in.
  public static func inOrder<Result: Sendable>(
    _ count: Int, concurrency: Int, _ work: @escaping @Sendable (Int) async throws -> Result
  ) async throws -> [Result] {
    var results = [Result?](repeating: nil, count: count)
    try await withThrowingTaskGroup(of: (Int, Result).self) { group in
      var next = 0
      while next < min(max(1, concurrency), count) {
        let index = next
        group.addTask { (index, try await work(index)) }
        next += 1
      }
      while let (index, result) = try await group.next() {
        results[index] = result
        if next < count {
          let index = next
          group.addTask { (index, try await work(index)) }
          next += 1
        }
      }
    }
    return try results.map { result in
      guard let result else { throw CancellationError() }
      return result
    }
  }

  /// The fraction of true values; 0 for an empty list.
  static func mean(_ values: [Bool]) -> Double {
    values.isEmpty ? 0 : Double(values.filter { $0 }.count) / Double(values.count)
  }
}
