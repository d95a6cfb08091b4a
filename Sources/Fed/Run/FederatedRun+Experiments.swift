import TextGrad

extension FederatedRun {
  /// One prompt trained on `task`'s whole train split, under `protocol`.
  ///
  /// - `fedtextgrad` (FedTextGrad's `train_centralized`): `configuration.rounds` epochs of
  ///   `configuration.steps` steps with the batch re-check of `configuration.updateRule`,
  ///   validation after each epoch, no revert; the best prompt by validation is tracked.
  /// - `textgrad` (TextGrad's prompt optimization): every update kept at the batch, the
  ///   prompt validated after every step and the update undone if validation accuracy drops.
  ///   It runs as one round per step, `configuration.rounds × configuration.steps` rounds,
  ///   whose batches continue one shuffle over each epoch.
  public static func centralized(
    task: TaskDefinition, forwardEngine: any LanguageModel, backwardEngine: any LanguageModel,
    templates: PromptTemplates = .ftg, protocol centralizedProtocol: CentralizedProtocol = .fedtextgrad,
    configuration: RunConfiguration
  ) throws -> FederatedRun {
    guard !task.train.isEmpty else { throw FedError.emptyExamples(what: "\(task.name) train") }
    let shard = Shard(index: 0, task: task, examples: task.train)
    let client = Client(
      id: 0, shard: shard, forwardEngine: forwardEngine, backwardEngine: backwardEngine,
      templates: templates)
    var settings = configuration
    if centralizedProtocol == .textgrad {
      settings.roundsPerEpoch = configuration.steps
      settings.rounds = configuration.rounds * configuration.steps
      settings.steps = 1
      settings.updateRule = .always
    }
    return try FederatedRun(
      kind: .centralized, clients: [client], aggregator: PassThroughAggregator(), tasks: [task],
      evaluationEngine: forwardEngine, templates: templates, configuration: settings,
      revertsOnValidationDrop: centralizedProtocol == .textgrad,
      startingPrompt: task.startingSystemPrompt)
  }

  /// One task split among `clientCount` clients (IID or label-skewed, seeded by the run's
  /// seed); after every round the client prompts are aggregated, as the paper describes
  /// (FedTextGrad's released homogeneous script never aggregates).
  public static func homogeneous(
    task: TaskDefinition, clientCount: Int, partition: PartitionScheme = .iid,
    forwardEngine: any LanguageModel, backwardEngine: any LanguageModel,
    aggregator: any Aggregator, templates: PromptTemplates = .ftg,
    configuration: RunConfiguration
  ) throws -> FederatedRun {
    let shards = try partition.shards(of: task, clients: clientCount, seed: configuration.seed)
    let clients = shards.map {
      Client(
        id: $0.index, shard: $0, forwardEngine: forwardEngine, backwardEngine: backwardEngine,
        templates: templates)
    }
    return try FederatedRun(
      kind: .homogeneous, clients: clients, aggregator: aggregator, tasks: [task],
      evaluationEngine: forwardEngine, templates: templates, configuration: configuration,
      startingPrompt: task.startingSystemPrompt)
  }

  /// One client per task, each on its task's whole train split.
  ///
  /// Merged prompts are validated and tested on every task (their mean), or on the first only as
  /// FedTextGrad does (`selection: .first`). Zero-shot accuracies are measured per task.
  ///
  /// Each client begins round 0 from its own task's starting prompt, as FedTextGrad does, so
  /// the first merged prompt is the first best. The run's nominal starting prompt (its global
  /// prompt until round 0 merges) is the tasks' distinct starting prompts without their
  /// answer-format instructions, joined, then every distinct instruction once.
  public static func heterogeneous(
    tasks: [TaskDefinition], forwardEngine: any LanguageModel, backwardEngine: any LanguageModel,
    aggregator: any Aggregator, templates: PromptTemplates = .ftg,
    selection: TaskSelection = .mean, configuration: RunConfiguration
  ) throws -> FederatedRun {
    let shards = try Partition.perTask(tasks)
    let context = AggregationContext(answerFormatInstructions: tasks.map(\.answerFormatInstruction))
    var seen: Set<String> = []
    let bodies = tasks.map { context.removingInstructions($0.startingSystemPrompt) }
      .filter { seen.insert($0).inserted }
    let start = context.withInstructionsOnce(bodies.joined(separator: " "))
    let clients = shards.map {
      Client(
        id: $0.index, shard: $0, forwardEngine: forwardEngine, backwardEngine: backwardEngine,
        templates: templates)
    }
    return try FederatedRun(
      kind: .heterogeneous, clients: clients, aggregator: aggregator, tasks: tasks,
      evaluationEngine: forwardEngine, templates: templates, configuration: configuration,
      startingPrompt: start, clientsStartFromOwnPrompts: true, selection: selection)
  }
}
