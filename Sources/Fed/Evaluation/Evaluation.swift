import TextGrad

/// Scores prompts on examples: answers are asked for concurrently, results kept in order.
public enum Evaluation {
  /// The default number of examples asked about at once. It only bounds how many waiting
  /// tasks an evaluation makes: the engine's own limit of requests in flight (`engine(...,
  /// limit:)`) decides how many are sent together.
  public static let defaultConcurrency = 256

  /// Whether each example is answered correctly under `prompt`, in example order.
  ///
  /// At most `concurrency` requests are in flight; the forward call is a system message with
  /// the prompt and a user message with the question, at temperature 0.
  public static func correctness(
    prompt: String, examples: [Example], engine: any LanguageModel, task: TaskDefinition,
    concurrency: Int = defaultConcurrency
  ) async throws -> [Bool] {
    let limit = max(1, concurrency)
    var results = [Bool](repeating: false, count: examples.count)
    try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
      var next = 0
      func launch(_ index: Int) {
        let example = examples[index]
        group.addTask {
          let reply = try await engine.complete(
            [.system(prompt), .user(example.x)], temperature: 0)
          return (index, task.isCorrect(response: reply.text, for: example))
        }
      }
      while next < min(limit, examples.count) {
        launch(next)
        next += 1
      }
      while let (index, correct) = try await group.next() {
        results[index] = correct
        if next < examples.count {
          launch(next)
          next += 1
        }
      }
    }
    return results
  }

  /// The fraction of `examples` answered correctly under `prompt`; 0 for no examples.
  public static func accuracy(
    prompt: String, examples: [Example], engine: any LanguageModel, task: TaskDefinition,
    concurrency: Int = defaultConcurrency
  ) async throws -> Double {
    let correct = try await correctness(
      prompt: prompt, examples: examples, engine: engine, task: task, concurrency: concurrency)
    return mean(correct)
  }

  /// The fraction of true values; 0 for an empty list.
  static func mean(_ values: [Bool]) -> Double {
    values.isEmpty ? 0 : Double(values.filter { $0 }.count) / Double(values.count)
  }
}
