/// The starting prompts' accuracies before any training, per task: FedTextGrad's "0-shot"
/// validation and test figures, the baseline every trained prompt is read against.
///
/// Each task is measured with the prompt its first client starts from: in a homogeneous or
/// centralized run the run's starting prompt, in a heterogeneous run each task's own.
public struct ZeroShot: Sendable, Hashable, Codable {
  /// The prompt measured on each task, in task order.
  public var prompts: [String]
  /// Validation accuracy per task.
  public var val: [TaskAccuracy]
  /// Test accuracy per task.
  public var test: [TaskAccuracy]
}

/// Which tasks a heterogeneous run validates and tests its merged prompts on.
public enum TaskSelection: String, Sendable, Hashable, Codable, CaseIterable {
  /// Every task, their accuracies averaged (ftg's default: the merged prompt serves all).
  case mean
  /// The first task only, as FedTextGrad's heterogeneous script validates and tests.
  case first
}

/// How a centralized run trains and validates its one prompt.
public enum CentralizedProtocol: String, Sendable, Hashable, Codable, CaseIterable {
  /// FedTextGrad's `train_centralized`: epochs of steps with the batch re-check, validation
  /// after each epoch, no revert, the best prompt tracked.
  case fedtextgrad
  /// TextGrad's own prompt optimization: every update kept at the batch, validation after
  /// every step, an update undone when validation accuracy drops.
  case textgrad
}
