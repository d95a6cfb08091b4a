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
  var fieldNames: [String] { ["name", "train", "val", "test", "prompt", "instruction", "eval", "loss"] }
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
    case "eval": return .string(definition.evaluation.rawValue)
    case "loss": return .function(lossFunction)
    default: return nil
    }
  }

  /// `t.loss(response, example)`: the task's loss of a response, as a Variable whose backward
  /// asks for feedback on the response: its string rule's score (1 right, 0 wrong), or the
  /// judge's reply for a judged task (`engine:` is then the judge).
  private var lossFunction: Function {
    let definition = self.definition
    let native = NativeFunction(
      signature: "loss(response, example, engine: nil)",
      summary:
        "scores a response against an example: the task's rule (1 right, 0 wrong) or, for a judged task, the judge engine's verdict, as a Variable",
      example: "let l = t.loss(r, t.train[0])", labels: ["engine"], arity: 2...2
    ) { args, interpreter in
      let response = try DomainArguments.variable(args, 0, "response")
      let example = try DomainArguments.example(args, 1)
      let templates = interpreter.domain.templates
      guard definition.evaluation == .exact || args.labelled("engine") != nil else {
        throw Diagnostic(
          "\(definition.name) is scored by an LLM judge: give it one with engine: (or use task(\"\(definition.name)\", eval: \"exact\"))",
          at: args.callRange)
      }
      let judge = definition.evaluation == .judge ? try DomainArguments.engine(args, interpreter).model : nil
      let scorer = ResponseScorer(task: definition, judgeEngine: judge, templates: templates)
      let question = Variable(example.x, role: templates[.questionRole], requiresGrad: false)
      let scored = try await DomainArguments.run(args) {
        try await CallRole.during(.forward) { try await scorer.score(response, question: question, example: example) }
      }
      return .object(VariableObject(scored.loss))
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
