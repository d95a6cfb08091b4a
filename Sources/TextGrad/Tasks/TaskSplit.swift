/// The three parts of a task's examples.
public enum TaskSplit: String, Sendable, Hashable, CaseIterable {
  /// Examples the prompt is optimised on.
  case train
  /// Examples used to pick among prompts while training.
  case val
  /// Held-out examples for the final score.
  case test
}
