/// What one client did in one round.
public struct ClientRoundRecord: Sendable, Hashable, Codable {
  /// The client's id.
  public var client: Int
  /// The client's task.
  public var task: String
  /// Its local steps, in order.
  public var steps: [LocalStepRecord]
  /// Its prompt after the last step, as sent to the server.
  public var prompt: String

  /// The feedback its prompt received over all steps, in order.
  public var gradients: [String] { steps.flatMap(\.gradients) }
}

/// What one round (or one centralized epoch) did.
public struct RoundRecord: Sendable, Hashable, Codable {
  /// The round's number, from 0.
  public var round: Int
  /// The clients that took part, by id, in increasing order.
  public var selectedClients: [Int]
  /// Their records, in the order of `selectedClients`.
  public var clients: [ClientRoundRecord]
  /// The aggregator's name.
  public var aggregator: String
  /// The aggregator's result.
  public var aggregatedPrompt: String
  /// Mean validation accuracy of the aggregated prompt over the run's tasks.
  public var validationAccuracy: Double
  /// The same per task, with the number of questions (nil in older checkpoints).
  public var validationByTask: [TaskAccuracy]?
  /// Whether the aggregated prompt became the global prompt (false only when a run reverts
  /// on a validation drop, as the centralized protocol does).
  public var accepted: Bool
  /// The global prompt after the round.
  public var globalPrompt: String
  /// Calls and tokens the round spent.
  public var usage: UsageTally
  /// Spans of training data cut from the clients' prompts before the merge (nil when the run
  /// does not redact).
  public var redacted: Int?
  /// The selected clients that took no part, by id, and why: dropped out, a call failed, or
  /// missed the deadline (nil when every selected client took part).
  public var absent: [Int: String]?
}
