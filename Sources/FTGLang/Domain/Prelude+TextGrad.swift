import Fed
import TextGrad

extension Prelude {
  static let textGrad: [String: NativeFunction] = [
    "engine": NativeFunction(
      signature:
        "engine(name, temperature: 0, base: nil, key_env: nil, limit: 8, cache: true, max_tokens: 2000, top_p: 0.99, frequency_penalty: nil, penalty_window: nil, grammar: nil, timeout: 600, retries: 4)",
      summary:
        "an LLM engine by FedTextGrad's names: gpt-*, ollama-MODEL, vllm-MODEL, sglang-MODEL, local; base: a list of URLs makes a pool of servers",
      example: "let e = engine(\"ollama-llama3.1\")", labels: EngineOptions.labels
    ) { args, interpreter in
      try args.expect(count: 1...1, labels: EngineOptions.labels)
      let options = try EngineOptions(args)
      let object = try Engines.make(
        name: try args.string(0, "name"), options: options, interpreter: interpreter, at: args.callRange)
      return .object(object)
    },
    "task": NativeFunction(
      signature: "task(name, train: nil, val: nil, test: nil, eval: nil)",
      summary:
        "a benchmark task: object_counting, word_sorting, multistep_arithmetic_two or gsm8k; train:, val:, test: keep the first n of a split (gsm8k's train: goes up to 7,373, for federations of many clients); eval: \"judge\" or \"exact\" (default: the original's choice)",
      example: "let t = task(\"object_counting\", val: 10, test: 20)", labels: ["train", "val", "test", "eval"],
      arity: 1...1
    ) { args, interpreter in
      let text = try args.string(0, "name")
      let name: TaskName
      do {
        name = try TaskName(parsing: text)
      } catch {
        throw Diagnostic("\(error)", at: args.range(at: 0))
      }
      func size(_ label: String) throws -> Int? {
        guard let given = args.labelled(label) else { return nil }
        let n = try Arguments.integer(given.value, name: label, at: given.range)
        guard n >= 1 else {
          throw Diagnostic(
            Messages.argumentType(label, expected: "a count of at least 1", got: given.value.described), at: given.range
          )
        }
        return n
      }
      let (given, val, test) = (try size("train"), try size("val"), try size("test"))
      let maximum = TaskLoader.maximumTrainCount(of: name)
      if let given, given > maximum, let range = args.labelled("train")?.range {
        throw Diagnostic(
          "task \(name.rawValue) has \(maximum) training examples, not \(given)"
            + (name == .gsm8k ? "" : "; gsm8k has up to \(TaskLoader.maximumTrainCount(of: .gsm8k))"), at: range)
      }
      let evaluation = try args.labelled("eval").map { try RunOptions.choice($0, "eval", TaskEvaluation.self) }
      let whole = try await DomainArguments.run(args) {
        try await interpreter.domain.task(name, trainCount: max(50, given ?? 50))
      }
      // The usual 50 training examples unless more were asked for, even when an earlier call
      // loaded more.
      let train = given ?? (whole.definition.train.count > 50 ? 50 : nil)
      if train == nil, val == nil, test == nil, evaluation == nil || evaluation == whole.definition.evaluation {
        return .object(whole)
      }
      let cut = whole.definition.prefix(train: train, val: val, test: test)
      return .object(TaskObject(evaluation.map { cut.evaluated(by: $0) } ?? cut))
    },
    "prompt": NativeFunction(
      signature: "prompt(text, role: \"system prompt to a somewhat capable language model\", trainable: true)",
      summary: "a Variable holding text that gradients can improve",
      example: "let p = prompt(t.prompt, role: \"system prompt to a somewhat capable language model\")",
      labels: ["role", "trainable"], arity: 1...1
    ) { args, _ in
      let role =
        try args.labelled("role").map { try string($0, "role") } ?? "system prompt to a somewhat capable language model"
      let trainable = try args.labelledBool("trainable") ?? true
      return .object(VariableObject(Variable(try args.string(0, "text"), role: role, requiresGrad: trainable)))
    },
    "llm": NativeFunction(
      signature: "llm(system, input, engine: e)",
      summary: "forward: asks the engine with a system prompt Variable and an input; the response is a Variable",
      example: "let r = llm(p, t.train[0].x, engine: e)", labels: ["engine"], arity: 2...2
    ) { args, interpreter in
      let system = try DomainArguments.variable(args, 0, "system", role: "system prompt")
      let input = try DomainArguments.variable(args, 1, "input")
      let engine = try DomainArguments.engine(args, interpreter)
      let call = LLMCall(
        engine: engine.model, systemPrompt: system, temperature: engine.temperature,
        templates: interpreter.domain.templates)
      return .object(VariableObject(try await DomainArguments.run(args) { try await call.forward(input) }))
    },
    "backward": NativeFunction(
      signature: "backward(loss, engine: e)",
      summary: "sends textual gradients from a loss Variable back to every trainable Variable it came from",
      example: "backward(l, engine: e)   # then p.grads", labels: ["engine"], arity: 1...1
    ) { args, interpreter in
      let loss = try DomainArguments.variable(args, 0, "loss")
      let engine = try DomainArguments.engine(args, interpreter)
      try await DomainArguments.run(args) { try await loss.backward(engine: engine.model) }
      return .null
    },
    "step": NativeFunction(
      signature: "step(p, engine: e, constraints: [], memory: 0)",
      summary: "one textual gradient descent update of p from its gradients; p.history keeps the old value",
      example: "step(p, engine: e)", labels: ["engine", "constraints", "memory"], arity: 1...1
    ) { args, interpreter in
      guard case .object(let object as VariableObject) = args.positional[0] else {
        throw args.typeError(0, "p", expected: "a Variable")
      }
      let engine = try DomainArguments.engine(args, interpreter)
      let constraints =
        try args.labelled("constraints").map { given in
          try Iteration.elements(of: given.value, at: given.range).map(\.rendered)
        } ?? []
      let memory =
        try args.labelled("memory").map { try Arguments.integer($0.value, name: "memory", at: $0.range) } ?? 0
      let optimizer = interpreter.domain.optimizer(for: object.variable, engine: engine.model) {
        TextualGradientDescent(
          parameters: [object.variable], engine: engine.model, constraints: constraints, gradientMemory: memory,
          templates: interpreter.domain.templates)
      }
      let outcomes = try await DomainArguments.run(args) { try await optimizer.step() }
      object.variable.zeroGrad()
      return .string(outcomes.map { "\($0)" }.first ?? "noFeedback")
    },
    "accuracy": NativeFunction(
      signature: "accuracy(p, split, engine: e, task: nil, judge: nil)",
      summary:
        "the fraction of a split's examples the prompt answers correctly, with its n and 95% interval (judged tasks ask judge:, else the engine)",
      example: "accuracy(p, t.val, engine: e)", labels: ["engine", "task", "judge"], arity: 2...2
    ) { args, interpreter in
      let system = try DomainArguments.variable(args, 0, "p", role: "system prompt")
      let engine = try DomainArguments.engine(args, interpreter)
      let judge = args.labelled("judge") == nil ? engine : try DomainArguments.engine(args, interpreter, label: "judge")
      let (examples, task) = try EvaluationArguments.examples(args, index: 1)
      let scorer = ResponseScorer(task: task, judgeEngine: judge.model, templates: interpreter.domain.templates)
      let correct = try await DomainArguments.run(args) {
        try await CallRole.during(.evaluation) {
          try await Fed.Evaluation.correctness(
            prompt: system.value, examples: examples, engine: engine.model, scorer: scorer)
        }
      }
      return .object(Proportion(successes: correct.filter { $0 }.count, of: correct.count))
    },
    "compare": NativeFunction(
      signature: "compare(a, b, split, engine: e, task: nil, judge: nil, names: [\"a\", \"b\"])",
      summary:
        "two prompts on the same questions: each one's accuracy, the paired difference, and the exact McNemar p-value; the verdict calls them by `names`",
      example:
        "compare(base.best_prompt, fed.best_prompt, t.test, engine: e, names: [\"centralized\", \"federated\"]).verdict",
      labels: ["engine", "task", "judge", "names"], arity: 3...3
    ) { args, interpreter in
      let names = try comparisonNames(args)
      let first = try DomainArguments.variable(args, 0, "a", role: "system prompt")
      let second = try DomainArguments.variable(args, 1, "b", role: "system prompt")
      let engine = try DomainArguments.engine(args, interpreter)
      let judge = args.labelled("judge") == nil ? engine : try DomainArguments.engine(args, interpreter, label: "judge")
      let (examples, task) = try EvaluationArguments.examples(args, index: 2)
      let scorer = ResponseScorer(task: task, judgeEngine: judge.model, templates: interpreter.domain.templates)
      let (a, b) = try await DomainArguments.run(args) {
        try await CallRole.during(.evaluation) {
          async let a = Fed.Evaluation.correctness(
            prompt: first.value, examples: examples, engine: engine.model, scorer: scorer)
          async let b = Fed.Evaluation.correctness(
            prompt: second.value, examples: examples, engine: engine.model, scorer: scorer)
          return try await (a, b)
        }
      }
      let paired = PairedComparison(a, b)
      return .record(
        Record([
          ("a", .object(Proportion(successes: a.filter { $0 }.count, of: a.count))),
          ("b", .object(Proportion(successes: b.filter { $0 }.count, of: b.count))),
          ("difference", .number(Double(paired.firstOnly - paired.secondOnly) / Double(max(1, paired.n)))),
          ("n", .number(Double(paired.n))), ("a_only", .number(Double(paired.firstOnly))),
          ("b_only", .number(Double(paired.secondOnly))), ("p", .number(paired.p)),
          ("verdict", .string(paired.verdict(first: names.0, second: names.1))),
        ]))
    },
    "show": NativeFunction(
      signature: "show(x)",
      summary:
        "prints all of a value: a Variable's whole text, role, history and gradients; a run's merged prompts sentence by sentence, each with the client it came from (or the merge), coloured by client in the shell and in HTML export",
      example: "show(p)", arity: 1...1
    ) { args, interpreter in
      interpreter.write(Showing.text(args.positional[0]) + "\n")
      return .null
    },
    "diff": NativeFunction(
      signature: "diff(a, b)", summary: "prints what changed from text a to text b, word by word",
      example: "diff(p.history[0], p.value)", arity: 2...2
    ) { args, interpreter in
      let texts = [args.positional[0], args.positional[1]].map { value -> String in
        if case .object(let v as VariableObject) = value { return v.variable.value }
        return value.rendered
      }
      interpreter.write(WordDiff.text(from: texts[0], to: texts[1]) + "\n")
      return .null
    },
  ]

  static func number(_ given: (value: Value, range: SourceRange), _ name: String) throws -> Double {
    guard case .number(let n) = given.value else {
      throw Diagnostic(Messages.argumentType(name, expected: "a Number", got: given.value.described), at: given.range)
    }
    return n
  }

  static func string(_ given: (value: Value, range: SourceRange), _ name: String) throws -> String {
    guard case .string(let s) = given.value else {
      throw Diagnostic(Messages.argumentType(name, expected: "a String", got: given.value.described), at: given.range)
    }
    return s
  }
}

extension Prelude {
  /// `names:` of `compare`, two strings; `a` and `b` when not given.
  fileprivate static func comparisonNames(_ args: Arguments) throws -> (String, String) {
    guard let given = args.labelled("names") else { return ("a", "b") }
    guard case .list(let items) = given.value, items.count == 2,
      case .string(let first) = items[0], case .string(let second) = items[1]
    else {
      throw Diagnostic(
        Messages.argumentType("names", expected: "a list of two strings", got: given.value.described), at: given.range)
    }
    return (first, second)
  }
}
