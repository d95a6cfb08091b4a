import Fed
import TextGrad

extension Prelude {
  /// `concat`, `summarize`, `uid`: the built-in aggregators, bound as values.
  static let aggregators: [String: Value] = Dictionary(
    uniqueKeysWithValues: AggregationMethod.allCases.map { ($0.rawValue, .object(builtinAggregator($0))) })

  static func builtinAggregator(_ method: AggregationMethod) -> AggregatorObject {
    AggregatorObject(name: method.rawValue) { engine, templates in
      method.aggregator(engine: engine, templates: templates)
    }
  }

  static let fed: [String: NativeFunction] = [
    "merge": NativeFunction(
      signature: "merge(prompts, aggregate: uid, engine: e, task: t)",
      summary: "what a server aggregator makes of a list of client prompts, ending with the task's answer format once",
      example: "merge(r1.clients.map { c in c.prompt }, aggregate: uid, engine: e, task: t)",
      labels: ["aggregate", "engine", "task"], arity: 1...1
    ) { args, interpreter in
      let prompts = try Iteration.elements(of: args.positional[0], at: args.range(at: 0)).map(\.rendered)
      let aggregatorObject = try args.labelled("aggregate").map(RunOptions.aggregator) ?? builtinAggregator(.uid)
      let engine = try DomainArguments.engine(args, interpreter)
      guard let given = args.labelled("task"), case .object(let task as TaskObject) = given.value else {
        throw Diagnostic(Messages.missingArgument("task", function: "merge"), at: args.callRange)
      }
      let context = AggregationContext(answerFormatInstructions: [task.definition.answerFormatInstruction])
      let aggregator = aggregatorObject.make(engine.model, interpreter.domain.templates)
      return .string(try await DomainArguments.run(args) { try await aggregator.aggregate(prompts, context: context) })
    },
    "complexity": NativeFunction(
      signature: "complexity(text, engine: nil)",
      summary:
        "prompt-complexity measures of a text: words, character entropy (bits), compression ratio; with engine:, also its tokens and their surprisal (mean, variance, max) and perplexity, as surprisal() scores them",
      example: "complexity(r1.prompt, engine: \"local\")", labels: ["engine"], arity: 1...1
    ) { args, interpreter in
      let text = try scoredText(args)
      guard args.labelled("engine") != nil else { return RunObject.complexity(PromptComplexity(of: text)) }
      let engine = try DomainArguments.engine(args, interpreter)
      let tokens = try await scores(text, context: TextScoring.defaultContext, engine: engine, args, interpreter)
      return RunObject.complexity(
        PromptComplexity(of: text, engineTokenCount: tokens?.count, logProbabilities: tokens?.map(\.logProbability)))
    },
    "split": NativeFunction(
      signature: "split(t, k, seed: 42, dirichlet: nil)",
      summary: "k IID shards of a task's training split (or label-skewed with a Dirichlet concentration)",
      example: "let parts = split(t, 3)", labels: ["seed", "dirichlet"], arity: 2...2
    ) { args, interpreter in
      guard case .object(let task as TaskObject) = args.positional[0] else {
        throw args.typeError(0, "t", expected: "a task")
      }
      let k = try args.integer(1, "k")
      let seed = try args.labelled("seed").map { try Arguments.integer($0.value, name: "seed", at: $0.range) } ?? 42
      let scheme: PartitionScheme =
        try args.labelled("dirichlet").map { .dirichlet(concentration: try number($0, "dirichlet")) } ?? .iid
      let shards = try await DomainArguments.run(args) {
        try scheme.shards(of: task.definition, clients: k, seed: seed)
      }
      let partition = PartitionObject(task: task.definition, shards: shards)
      interpreter.domain.lastPartition = partition
      return .object(partition)
    },
    "client": NativeFunction(
      signature: "client(shard: i, engine: e, backward: nil, partition: nil, profile: nil)",
      summary: "a client training on shard i of the most recent split (or of partition:)",
      example: "let c = client(shard: 2, engine: \"ollama-llama3.1\")",
      labels: ["shard", "engine", "backward", "backward_engine", "partition", "profile"], arity: 0...0
    ) { args, interpreter in
      guard let given = args.labelled("shard") else {
        throw Diagnostic(Messages.missingArgument("shard", function: "client"), at: args.callRange)
      }
      let index = try Arguments.integer(given.value, name: "shard", at: given.range)
      var partition = interpreter.domain.lastPartition
      if let p = args.labelled("partition") {
        guard case .object(let object as PartitionObject) = p.value else {
          throw Diagnostic(
            Messages.argumentType("partition", expected: "a partition", got: p.value.described), at: p.range)
        }
        partition = object
      }
      guard let partition else {
        throw Diagnostic("no split yet: call split(t, k) first, or pass partition:", at: args.callRange)
      }
      guard partition.shards.indices.contains(index) else {
        throw Diagnostic(Messages.indexOutOfRange(index, count: partition.shards.count), at: given.range)
      }
      let (forward, backward) = try engines(args, interpreter)
      let shard = partition.shards[index]
      let profile = try clientProfile(args)
      return .object(
        ClientObject(
          Client(
            id: index, shard: shard, forwardEngine: profiled(forward.model, profile, index),
            backwardEngine: profiled(backward.model, profile, index), templates: interpreter.domain.templates)))
    },
    "clients": NativeFunction(
      signature: "clients(parts, engine: e, backward: nil, profile: nil)",
      summary:
        "one client per shard of a partition; profile: {latency, dropout, failure, seed} simulates cross-device clients (each client draws with its own seed)",
      example: "let cs = clients(split(t, 3), engine: e)",
      labels: ["engine", "backward", "backward_engine", "profile"], arity: 1...1
    ) { args, interpreter in
      guard case .object(let partition as PartitionObject) = args.positional[0] else {
        throw args.typeError(0, "parts", expected: "a partition (split(t, k))")
      }
      let (forward, backward) = try engines(args, interpreter)
      let profile = try clientProfile(args)
      return .list(
        partition.shards.map { shard in
          .object(
            ClientObject(
              Client(
                id: shard.index, shard: shard, forwardEngine: profiled(forward.model, profile, shard.index),
                backwardEngine: profiled(backward.model, profile, shard.index),
                templates: interpreter.domain.templates)))
        })
    },
    "aggregator": NativeFunction(
      signature: "aggregator(name) { prompts in ... }",
      summary: "a server aggregator written in ftg: a function from the list of client prompts to one prompt",
      example: "aggregator(\"first\") { prompts in prompts[0] }", arity: 2...2
    ) { args, interpreter in
      let name = try args.string(0, "name")
      let function = try args.function(1, "body")
      let at = args.callRange
      return .object(
        AggregatorObject(name: name) { _, _ in
          ClosureAggregator(name: name) { prompts in
            let merged = try await interpreter.call(function, [.list(prompts.map(Value.string))], at: at)
            guard case .string(let text) = merged else {
              throw Diagnostic(
                Messages.argumentType("aggregator result", expected: "a String", got: merged.described), at: at)
            }
            return text
          }
        })
    },
    "round": NativeFunction(
      signature: "round(cs, steps: 4, batch: 3, aggregate: concat, accept: \"improve\", seed: 42)",
      summary: "one federated round: local TGD steps on every client concurrently, then aggregation and broadcast",
      example: "let r1 = round(cs, steps: 3, aggregate: uid)", labels: RunOptions.labels
    ) { args, interpreter in
      try args.expect(count: 1...1, labels: RunOptions.labels)
      let options = try RunOptions(args, interpreter: interpreter)
      let objects = try clientObjects(args, 0)
      // Each round a client trains shuffles its examples anew, as an epoch of its loader.
      let number = objects.map(\.roundsTrained).max() ?? 0
      let clients = objects.map(\.client)
      let aggregator = (options.aggregator ?? builtinAggregator(.concat)).make(
        clients[0].backwardEngine, options.templates)
      let round = FederatedRound(
        steps: options.steps, batchSize: options.batch, updateRule: options.accept, seed: options.seed)
      let outcome = try await DomainArguments.run(args) {
        try await round.run(clients, aggregator: aggregator, round: number)
      }
      for (object, record) in zip(objects, outcome.clients) {
        object.lastRound = record
        object.roundsTrained = number + 1
      }
      return .object(RoundResultObject(outcome))
    },
  ]

  /// `engine:` and `backward:` (also spelled `backward_engine:`, as TextGrad calls it), the
  /// engine that writes feedback, rewrites, judges and merges; it defaults to the forward engine.
  static func engines(_ args: Arguments, _ interpreter: Interpreter) throws -> (EngineObject, EngineObject) {
    let forward = try DomainArguments.engine(args, interpreter)
    guard let label = ["backward", "backward_engine"].first(where: { args.labelled($0) != nil }) else {
      return (forward, forward)
    }
    return (forward, try DomainArguments.engine(args, interpreter, label: label))
  }

  /// `profile: {latency: 0.2, dropout: 0.3, failure: 0.1, seed: 7}`, nil when not given.
  static func clientProfile(_ args: Arguments) throws -> ClientProfile? {
    guard let given = args.labelled("profile") else { return nil }
    guard case .record(let record) = given.value else {
      throw Diagnostic(
        Messages.argumentType(
          "profile", expected: "a record {latency, dropout, failure, seed}", got: given.value.described),
        at: given.range)
    }
    var profile = ClientProfile()
    for key in record.keys {
      guard case .number(let n) = record[key] ?? .null, n >= 0 else {
        throw Diagnostic(
          Messages.argumentType(
            "profile.\(key)", expected: "a number of at least 0", got: record[key]?.described ?? "nil"),
          at: given.range)
      }
      switch key {
      case "latency": profile.latency = n
      case "dropout" where n <= 1: profile.dropout = n
      case "failure" where n <= 1: profile.failure = n
      case "seed": profile.seed = Int(n)
      case "dropout", "failure":
        throw Diagnostic(
          Messages.argumentType("profile.\(key)", expected: "a chance from 0 to 1", got: String(n)), at: given.range)
      default:
        throw Diagnostic(
          Messages.withSuggestion(
            "unknown profile key '\(key)'", for: key, among: ["latency", "dropout", "failure", "seed"]),
          at: given.range)
      }
    }
    return profile
  }

  /// `engine` under `profile` for client `id`, or `engine` itself without one.
  static func profiled(_ engine: any LanguageModel, _ profile: ClientProfile?, _ id: Int) -> any LanguageModel {
    profile.map { ProfiledEngine(base: engine, profile: $0, client: id) } ?? engine
  }

  static func clientObjects(_ args: Arguments, _ index: Int) throws -> [ClientObject] {
    let clients = try clientObjects(in: (args.positional[index], args.range(at: index)))
    guard !clients.isEmpty else { throw Diagnostic("expected at least one client", at: args.range(at: index)) }
    return clients
  }

  /// The clients of a list argument, positional or labelled.
  static func clientObjects(in given: (value: Value, range: SourceRange)) throws -> [ClientObject] {
    try Iteration.elements(of: given.value, at: given.range).map { item -> ClientObject in
      guard case .object(let c as ClientObject) = item else {
        throw Diagnostic(
          Messages.argumentType("clients", expected: "a list of clients", got: item.described), at: given.range)
      }
      return c
    }
  }
}
