import TextGrad

/// How a homogeneous run splits its task's train split among clients.
public enum PartitionScheme: Sendable, Hashable {
  /// IID shards of sizes as even as possible.
  case iid
  /// Dirichlet label skew with this concentration.
  case dirichlet(concentration: Double)

  /// The shards of `task` for `clients` clients.
  public func shards(of task: TaskDefinition, clients: Int, seed: Int) throws -> [Shard] {
    switch self {
    case .iid: return try Partition.iid(task, clients: clients, seed: seed)
    case .dirichlet(let concentration):
      return try Partition.dirichlet(
        task, clients: clients, concentration: concentration, seed: seed)
    }
  }
}
