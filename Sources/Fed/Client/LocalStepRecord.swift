/// What one local TGD step of one client did.
public struct LocalStepRecord: Sendable, Hashable, Codable {
  /// The round the step belongs to (0 for centralized epochs' first, and so on).
  public var round: Int
  /// The client that ran it.
  public var client: Int
  /// The step's number within the round, from 0.
  public var step: Int
  /// The questions of the sampled batch, in sample order.
  public var batch: [String]
  /// Batch accuracy under the prompt before the update.
  public var accuracyBefore: Double
  /// Batch accuracy under the updated prompt.
  public var accuracyAfter: Double
  /// Whether the update was kept (false: the prompt went back to `promptBefore`).
  public var kept: Bool
  /// The prompt before the step.
  public var promptBefore: String
  /// The prompt the optimizer proposed (equal to `promptBefore` when it made no update).
  public var proposedPrompt: String
  /// The feedback texts the prompt received, in batch order.
  public var gradients: [String]

  /// The prompt the client holds after the step.
  public var promptAfter: String { kept ? proposedPrompt : promptBefore }
}
