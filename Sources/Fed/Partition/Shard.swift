import TextGrad

/// The examples one client trains on, with the task they come from.
///
/// The task is kept for scoring and for its answer-format instruction, which aggregators
/// re-append to merged prompts.
public struct Shard: Sendable {
  /// The shard's position in its partition, from 0.
  public let index: Int
  /// The task the examples belong to.
  public let task: TaskDefinition
  /// The client's training examples.
  public let examples: [Example]

  /// A shard of `examples` from `task`.
  public init(index: Int, task: TaskDefinition, examples: [Example]) {
    self.index = index
    self.task = task
    self.examples = examples
  }
}
