import TextGrad

/// Ways to give clients their training examples: IID shards, one task per client, label skew.
public enum Partition {
  /// Splits `task`'s train split into `clients` IID shards of sizes as even as possible.
  ///
  /// The examples are shuffled with `PythonRandom(seed:)` and cut into consecutive runs; the
  /// first `count % clients` shards get one example more than the others.
  public static func iid(_ task: TaskDefinition, clients: Int, seed: Int = 42) throws -> [Shard] {
    try check(clients: clients, examples: task.train.count)
    var examples = task.train
    var generator = PythonRandom(seed: seed)
    generator.shuffle(&examples)
    let base = examples.count / clients
    let extra = examples.count % clients
    var shards: [Shard] = []
    var start = 0
    for index in 0..<clients {
      let size = base + (index < extra ? 1 : 0)
      shards.append(
        Shard(index: index, task: task, examples: Array(examples[start..<start + size])))
      start += size
    }
    return shards
  }

  /// One shard per task holding that task's whole train split: the heterogeneous setting.
  public static func perTask(_ tasks: [TaskDefinition]) throws -> [Shard] {
    guard !tasks.isEmpty else { throw FedError.noClients }
    return try tasks.enumerated().map { index, task in
      guard !task.train.isEmpty else { throw FedError.emptyExamples(what: "\(task.name) train") }
      return Shard(index: index, task: task, examples: task.train)
    }
  }

  /// Splits `task`'s train split with Dirichlet label skew: for every label (answer string),
  /// client proportions are drawn from Dirichlet(`concentration`).
  ///
  /// Small concentrations give each client few labels; large ones approach an IID split.
  /// Labels are visited in sorted order and each label's examples are shuffled, all with one
  /// `PythonRandom(seed:)`. A client left without examples takes one from the largest shard,
  /// so every client can train. Examples keep their train-split order inside a shard.
  public static func dirichlet(
    _ task: TaskDefinition, clients: Int, concentration: Double, seed: Int = 42
  ) throws -> [Shard] {
    try check(clients: clients, examples: task.train.count)
    guard concentration.isFinite, concentration > 0 else {
      throw FedError.invalidConcentration(concentration)
    }
    let byLabel = Dictionary(grouping: task.train.indices) { task.train[$0].y }
    guard byLabel.count < task.train.count else {
      throw FedError.noRepeatedLabels(task: task.name)
    }
    var sampler = GammaSampler(generator: PythonRandom(seed: seed))
    var assigned = Array(repeating: [Int](), count: clients)
    for label in byLabel.keys.sorted() {
      var indices = byLabel[label] ?? []
      sampler.generator.shuffle(&indices)
      let proportions = sampler.dirichlet(concentration: concentration, count: clients)
      var cumulative = 0.0
      var start = 0
      for client in 0..<clients {
        cumulative += proportions[client]
        let end =
          client == clients - 1
          ? indices.count
          : min(
            indices.count, Int((cumulative * Double(indices.count)).rounded()))
        if end > start { assigned[client] += indices[start..<end] }
        start = max(start, end)
      }
    }
    fillEmptyShards(&assigned)
    return assigned.enumerated().map { index, indices in
      Shard(index: index, task: task, examples: indices.sorted().map { task.train[$0] })
    }
  }

  /// Moves one example from the largest shard into each empty shard.
  private static func fillEmptyShards(_ assigned: inout [[Int]]) {
    for client in assigned.indices where assigned[client].isEmpty {
      guard let largest = assigned.indices.max(by: { assigned[$0].count < assigned[$1].count }),
        assigned[largest].count > 1
      else { continue }
      let moved = assigned[largest].removeLast()
      assigned[client].append(moved)
    }
  }

  private static func check(clients: Int, examples: Int) throws {
    guard clients >= 1 else { throw FedError.noClients }
    guard clients <= examples else {
      throw FedError.tooManyClients(clients: clients, examples: examples)
    }
  }
}
