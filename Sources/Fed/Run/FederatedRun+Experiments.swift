import TextGrad

extension FederatedRun {
  /// TextGrad's protocol: one prompt trained on `task`'s whole train split for
  /// `configuration.rounds` epochs of `configuration.steps` steps; after each epoch the prompt
  /// is validated and kept only if validation accuracy did not drop.
  public static func centralized(
    task: TaskDefinition, forwardEngine: any LanguageModel, backwardEngine: any LanguageModel,
    configuration: RunConfiguration
  ) throws -> FederatedRun {
    guard !task.train.isEmpty else { throw FedError.emptyExamples(what: "\(task.name) train") }
    let shard = Shard(index: 0, task: task, examples: task.train)
    let client = Client(
      id: 0, shard: shard, forwardEngine: forwardEngine, backwardEngine: backwardEngine)
    return try FederatedRun(
      kind: .centralized, clients: [client], aggregator: PassThroughAggregator(), tasks: [task],
      evaluationEngine: forwardEngine, configuration: configuration,
      revertsOnValidationDrop: true, startingPrompt: task.startingSystemPrompt)
  }

  /// One task split among `clientCount` clients (IID or label-skewed, seeded by the run's
  /// seed); after every round the client prompts are aggregated, as the paper describes
  /// (FedTextGrad's released homogeneous script never aggregates).
  public static func homogeneous(
    task: TaskDefinition, clientCount: Int, partition: PartitionScheme = .iid,
    forwardEngine: any LanguageModel, backwardEngine: any LanguageModel,
    aggregator: any Aggregator, configuration: RunConfiguration
  ) throws -> FederatedRun {
    let shards = try partition.shards(of: task, clients: clientCount, seed: configuration.seed)
    let clients = shards.map {
      Client(id: $0.index, shard: $0, forwardEngine: forwardEngine, backwardEngine: backwardEngine)
    }
    return try FederatedRun(
      kind: .homogeneous, clients: clients, aggregator: aggregator, tasks: [task],
      evaluationEngine: forwardEngine, configuration: configuration,
      startingPrompt: task.startingSystemPrompt)
  }

  /// One client per task, each on its task's whole train split; validation is the mean over
  /// the tasks' val splits, and the test is reported per task.
  ///
  /// Each client begins round 0 from its own task's starting prompt, as FedTextGrad does.
  /// The run's reference starting prompt (validated before training, and the best prompt
  /// until a round beats it) is the tasks' distinct starting prompts without their
  /// answer-format instructions, joined, then every distinct instruction once.
  public static func heterogeneous(
    tasks: [TaskDefinition], forwardEngine: any LanguageModel, backwardEngine: any LanguageModel,
    aggregator: any Aggregator, configuration: RunConfiguration
  ) throws -> FederatedRun {
    let shards = try Partition.perTask(tasks)
    let context = AggregationContext(answerFormatInstructions: tasks.map(\.answerFormatInstruction))
    var seen: Set<String> = []
    let bodies = tasks.map { context.removingInstructions($0.startingSystemPrompt) }
      .filter { seen.insert($0).inserted }
    let start = context.withInstructionsOnce(bodies.joined(separator: " "))
    let clients = shards.map {
      Client(
        id: $0.index, shard: $0, forwardEngine: forwardEngine, backwardEngine: backwardEngine)
    }
    return try FederatedRun(
      kind: .heterogeneous, clients: clients, aggregator: aggregator, tasks: tasks,
      evaluationEngine: forwardEngine, configuration: configuration, startingPrompt: start,
      clientsStartFromOwnPrompts: true)
  }
}
