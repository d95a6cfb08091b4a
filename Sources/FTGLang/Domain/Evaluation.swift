import TextGrad

/// Scoring a system prompt on examples, concurrently (the engine's in-flight limit bounds
/// how many calls overlap); the answers are scored in example order.
enum Evaluation {
  /// The examples and task of `accuracy`'s split argument: a split, or a list of examples
  /// with `task:` given.
  static func examples(_ args: Arguments, index: Int) throws -> ([Example], TaskDefinition) {
    let taskArgument: TaskDefinition? = try args.labelled("task").map { given in
      guard case .object(let t as TaskObject) = given.value else {
        throw Diagnostic(Messages.argumentType("task", expected: "a task", got: given.value.described), at: given.range)
      }
      return t.definition
    }
    switch args.positional[index] {
    case .object(let split as SplitObject):
      return (split.examples, taskArgument ?? split.task)
    case .list(let items):
      guard let task = taskArgument else {
        throw Diagnostic(Messages.missingArgument("task", function: args.functionName), at: args.callRange)
      }
      let examples = try items.map { item -> Example in
        var single = args
        single.positional[index] = item
        return try DomainArguments.example(single, index)
      }
      return (examples, task)
    default:
      throw args.typeError(index, "split", expected: "a split (t.val) or a list of examples")
    }
  }

  static func accuracy(
    system: String, examples: [Example], task: TaskDefinition, engine: EngineObject
  ) async throws -> Double {
    guard !examples.isEmpty else { return 0 }
    let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for (i, example) in examples.enumerated() {
        group.addTask {
          let reply = try await engine.model.complete(
            [.system(system), .user(example.x)], temperature: engine.temperature)
          return (i, reply.text)
        }
      }
      var answers = Array(repeating: "", count: examples.count)
      for try await (i, text) in group { answers[i] = text }
      return answers
    }
    let correct = zip(answers, examples).filter { task.isCorrect(response: $0, for: $1) }.count
    return Double(correct) / Double(examples.count)
  }
}
