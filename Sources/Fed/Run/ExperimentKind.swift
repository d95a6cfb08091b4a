/// The three experiment protocols of FedTextGrad.
public enum ExperimentKind: String, Sendable, Hashable, Codable {
  /// One prompt trained on a task's whole train split (FedTextGrad's or TextGrad's protocol).
  case centralized
  /// One task split among clients, with aggregation after each round.
  case homogeneous
  /// One client per task, with aggregation after each round.
  case heterogeneous
}
