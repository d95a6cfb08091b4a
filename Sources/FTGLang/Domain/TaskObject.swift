import TextGrad

/// A benchmark task: its three splits, its starting prompt and its scoring.
final class TaskObject: DomainObject {
  let definition: TaskDefinition
  let train: SplitObject
  let val: SplitObject
  let test: SplitObject

  init(_ definition: TaskDefinition) {
    self.definition = definition
    train = SplitObject(task: definition, name: "train", examples: definition.train)
    val = SplitObject(task: definition, name: "val", examples: definition.val)
    test = SplitObject(task: definition, name: "test", examples: definition.test)
  }

  var typeName: String { "Task" }
  var fieldNames: [String] { ["name", "train", "val", "test", "prompt", "instruction", "loss"] }
  var rendered: String {
    "<task \(definition.name): \(train.examples.count) train, \(val.examples.count) val, \(test.examples.count) test>"
  }

  func field(_ name: String) -> Value? {
    switch name {
    case "name": return .string(definition.name)
    case "train": return .object(train)
    case "val": return .object(val)
    case "test": return .object(test)
    case "prompt": return .string(definition.startingSystemPrompt)
    case "instruction": return .string(definition.answerFormatInstruction)
    case "loss": return .function(lossFunction)
    default: return nil
    }
  }

  /// `t.loss(response, example)`: 1 when the response answers the example correctly, else 0,
  /// as a Variable whose backward asks for feedback on the response.
  private var lossFunction: Function {
    let definition = self.definition
    let native = NativeFunction(
      signature: "loss(response, example)",
      summary: "scores a response against an example with the task's rule (1 right, 0 wrong), as a Variable",
      example: "let l = t.loss(r, t.train[0])"
    ) { args, _ in
      try args.expect(count: 2...2)
      let response = try DomainArguments.variable(args, 0, "response")
      let example = try DomainArguments.example(args, 1)
      let truth = Variable(example.y, role: "correct answer for the query", requiresGrad: false)
      let loss = StringLoss(purpose: "checks whether the response's final answer equals the correct answer") {
        values in
        definition.isCorrect(response: values["response"] ?? "", for: example) ? 1 : 0
      }
      return .object(VariableObject(try loss.forward(["response": response, "correct_answer": truth])))
    }
    return Function(name: "loss", body: .native(native))
  }
}

/// One split of a task: a list of examples `{x, y}` that remembers its task, so that
/// `accuracy(p, t.val, engine: e)` knows how to score.
final class SplitObject: ListLike {
  let task: TaskDefinition
  let name: String
  let examples: [Example]

  init(task: TaskDefinition, name: String, examples: [Example]) {
    self.task = task
    self.name = name
    self.examples = examples
  }

  var typeName: String { "Split" }
  var fieldNames: [String] { ["task", "name"] }
  var rendered: String { "<\(task.name) \(name): \(examples.count) examples>" }
  var elements: [Value] { examples.map(SplitObject.record) }

  func field(_ name: String) -> Value? {
    switch name {
    case "task": return .string(task.name)
    case "name": return .string(self.name)
    default: return nil
    }
  }

  static func record(_ example: Example) -> Value {
    .record(Record([("x", .string(example.x)), ("y", .string(example.y))]))
  }
}
