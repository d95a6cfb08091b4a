/// A federated run or one of its parts was given input it cannot work with.
public enum FedError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A partition was asked for fewer than one client.
  case noClients
  /// A partition was asked for more clients than there are examples to share.
  case tooManyClients(clients: Int, examples: Int)
  /// A Dirichlet concentration was zero, negative or not a number.
  case invalidConcentration(Double)
  /// The task's answers are all different, so there are no labels to skew.
  case noRepeatedLabels(task: String)
  /// A client selection fraction outside (0, 1].
  case invalidFraction(Double)
  /// A client selection count below one.
  case invalidClientCount(Int)
  /// A batch size, step count or round count below one.
  case invalidCount(name: String, value: Int)
  /// A shard or task has no examples to train, validate or test on.
  case emptyExamples(what: String)
  /// A run's clients are not numbered 0, 1, 2... in order.
  case clientIDsOutOfOrder(ids: [Int])
  /// An aggregator received no client prompts.
  case nothingToAggregate
  /// A checkpoint was written by a run with a different configuration.
  case checkpointMismatch(path: String, detail: String)
  /// A checkpoint or log file could not be read or written.
  case fileFailure(path: String, detail: String)

  /// What went wrong, naming the value at fault.
  public var description: String {
    switch self {
    case .noClients: return "a partition needs at least one client"
    case .tooManyClients(let clients, let examples):
      return "cannot split \(examples) examples among \(clients) clients"
    case .invalidConcentration(let value):
      return "the Dirichlet concentration must be a positive number, got \(value)"
    case .noRepeatedLabels(let task):
      return "task '\(task)' has no repeated answers, so label skew is undefined"
    case .invalidFraction(let value):
      return "the client fraction must be in (0, 1], got \(value)"
    case .invalidClientCount(let value):
      return "the number of clients per round must be at least 1, got \(value)"
    case .invalidCount(let name, let value):
      return "\(name) must be at least 1, got \(value)"
    case .emptyExamples(let what): return "\(what) has no examples"
    case .clientIDsOutOfOrder(let ids):
      return "a run's client ids must be 0, 1, 2... in order, got \(ids)"
    case .nothingToAggregate: return "there are no client prompts to aggregate"
    case .checkpointMismatch(let path, let detail):
      return "checkpoint \(path) belongs to another run: \(detail)"
    case .fileFailure(let path, let detail): return "\(path): \(detail)"
    }
  }
}
