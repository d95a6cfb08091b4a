import TextGrad

/// The examples `accuracy(p, split, ...)` scores, and the task that says how.
enum EvaluationArguments {
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
}
