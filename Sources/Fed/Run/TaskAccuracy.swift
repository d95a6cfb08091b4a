/// A prompt's accuracy on one task's split.
public struct TaskAccuracy: Sendable, Hashable, Codable {
  /// The task's name.
  public var task: String
  /// The fraction answered correctly.
  public var accuracy: Double
  /// How many questions it was measured on (absent in checkpoints written before it was).
  public var count: Int?

  /// An accuracy of `task` measured on `count` questions.
  public init(task: String, accuracy: Double, count: Int? = nil) {
    self.task = task
    self.accuracy = accuracy
    self.count = count
  }
}

extension [TaskAccuracy] {
  /// The unweighted mean over tasks; 0 when empty.
  public var meanAccuracy: Double {
    isEmpty ? 0 : map(\.accuracy).reduce(0, +) / Double(count)
  }
}
