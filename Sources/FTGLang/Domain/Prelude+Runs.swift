import Fed
import TextGrad

extension Prelude {
  static let runs: [String: NativeFunction] = [
    "federate": NativeFunction(
      signature:
        "federate(cs, rounds: 3, steps: 4, batch: 3, aggregate: concat, accept: \"improve\", sample: nil, templates: nil, run: nil)",
      summary: "a homogeneous federated run: rounds of local steps, aggregation, validation; tests the best prompt",
      example: "let run = federate(cs, rounds: 3, steps: 3, batch: 3, aggregate: uid)", labels: RunOptions.labels
    ) { args, interpreter in
      try args.expect(count: 1...1, labels: RunOptions.labels)
      let options = try RunOptions(args, interpreter: interpreter)
      let given = try clientObjects(args, 0).map(\.client)
      // The run numbers its clients from 0; a simulated client's profile follows its number.
      func renumbered(_ engine: any LanguageModel, _ id: Int) -> any LanguageModel {
        (engine as? ProfiledEngine)?.forClient(id) ?? engine
      }
      let clients = given.enumerated().map { i, c in
        Client(
          id: i, shard: c.shard, forwardEngine: renumbered(c.forwardEngine, i),
          backwardEngine: renumbered(c.backwardEngine, i), startingPrompt: c.prompt.value,
          templates: options.templates)
      }
      var tasks: [TaskDefinition] = []
      for c in clients where !tasks.contains(where: { $0.name == c.shard.task.name }) { tasks.append(c.shard.task) }
      let identity =
        "federate|\(options.aggregator?.name ?? "concat")|\(options.selection.rawValue)|"
        + clients.map {
          "\($0.shard.task.name):\($0.shard.task.sizes):\($0.shard.task.evaluation.rawValue):\($0.shard.examples.count):\($0.prompt.value)"
        }
        .joined(separator: "|")
      let run = try await DomainArguments.run(args) {
        try FederatedRun(
          kind: tasks.count > 1 ? .heterogeneous : .homogeneous, clients: clients,
          aggregator: (options.aggregator ?? builtinAggregator(.concat)).make(
            clients[0].backwardEngine, options.templates),
          tasks: tasks, evaluationEngine: clients[0].forwardEngine, templates: options.templates,
          configuration: options.configuration(
            describing: identity, writes: interpreter.domain.gate.runsWriteCheckpoints,
            directory: interpreter.host.workingDirectory),
          startingPrompt: clients[0].prompt.value, selection: options.selection)
      }
      return try await execute(run, options.settings(kind: "federated", clients: clients.count), args, interpreter)
    },
    "centralized": NativeFunction(
      signature: "centralized(t, epochs: 3, steps: 4, batch: 3, engine: e, backward: nil, protocol: \"fedtextgrad\")",
      summary:
        "one prompt on the whole training split: FedTextGrad's epochs (validation after each) or TextGrad's (validation after each step, reverting drops)",
      example: "let base = centralized(t, epochs: 3, steps: 3, batch: 3, engine: e)", labels: RunOptions.labels
    ) { args, interpreter in
      try args.expect(count: 1...1, labels: RunOptions.labels)
      let options = try RunOptions(args, interpreter: interpreter, roundsLabel: "epochs")
      guard case .object(let task as TaskObject) = args.positional[0] else {
        throw args.typeError(0, "t", expected: "a task")
      }
      let (forward, backward) = try engines(args, interpreter)
      let run = try await DomainArguments.run(args) {
        try FederatedRun.centralized(
          task: task.definition, forwardEngine: forward.model, backwardEngine: backward.model,
          templates: options.templates, protocol: options.centralizedProtocol,
          configuration: options.configuration(
            describing:
              "centralized|\(options.centralizedProtocol.rawValue)|\(task.definition.name):\(task.definition.sizes)|\(task.definition.evaluation.rawValue)|\(forward.name)|\(backward.name)",
            writes: interpreter.domain.gate.runsWriteCheckpoints,
            directory: interpreter.host.workingDirectory))
      }
      return try await execute(run, options.settings(kind: "centralized", clients: 1), args, interpreter)
    },
    "hetero": NativeFunction(
      signature: "hetero(tasks, engine: e, rounds: 3, steps: 4, batch: 3, aggregate: uid, select: \"mean\")",
      summary: "heterogeneous federated learning: one client per task, validated on every task",
      example: "hetero([\"object_counting\", \"multistep_arithmetic_two\", \"gsm8k\"], engine: e)",
      labels: RunOptions.labels
    ) { args, interpreter in
      try args.expect(count: 1...1, labels: RunOptions.labels)
      var options = try RunOptions(args, interpreter: interpreter)
      if options.aggregator == nil { options.aggregator = builtinAggregator(.uid) }
      var tasks: [TaskDefinition] = []
      for (i, item) in try Iteration.elements(of: args.positional[0], at: args.range(at: 0)).enumerated() {
        switch item {
        case .object(let t as TaskObject): tasks.append(t.definition)
        case .string(let name):
          let parsed = try await DomainArguments.run(args) { try TaskName(parsing: name) }
          tasks.append(try await DomainArguments.run(args) { try await interpreter.domain.task(parsed).definition })
        default:
          throw Diagnostic(
            Messages.argumentType("task #\(i + 1)", expected: "a task or task name", got: item.described),
            at: args.range(at: 0))
        }
      }
      let (forward, backward) = try engines(args, interpreter)
      let aggregator = (options.aggregator ?? builtinAggregator(.uid)).make(backward.model, options.templates)
      let run = try await DomainArguments.run(args) {
        try FederatedRun.heterogeneous(
          tasks: tasks, forwardEngine: forward.model, backwardEngine: backward.model, aggregator: aggregator,
          templates: options.templates, selection: options.selection,
          configuration: options.configuration(
            describing: "hetero|"
              + tasks.map { "\($0.name):\($0.sizes):\($0.evaluation.rawValue)" }.joined(separator: ",")
              + "|\(forward.name)|\(backward.name)|\(aggregator.name)|\(options.selection.rawValue)",
            writes: interpreter.domain.gate.runsWriteCheckpoints,
            directory: interpreter.host.workingDirectory))
      }
      return try await execute(run, options.settings(kind: "heterogeneous", clients: tasks.count), args, interpreter)
    },
  ]

  /// Runs an experiment, reporting progress to the host; the result is a Run value.
  static func execute(_ run: FederatedRun, _ settings: Record, _ args: Arguments, _ interpreter: Interpreter)
    async throws -> Value
  {
    let host = interpreter.host
    let progress = RunProgress(rounds: run.configuration.rounds, steps: run.configuration.steps)
    let gate = interpreter.domain.gate
    defer { host.progress("") }
    let result = try await DomainArguments.run(args) {
      try await run.run { event in
        if let line = progress.line(for: event, inFlight: gate.inFlight) { host.progress(line) }
      }
    }
    let object = RunObject(result, settings: settings, experiment: run)
    if let note = object.truncationNote { interpreter.write(note + "\n") }
    return .object(object)
  }
}
