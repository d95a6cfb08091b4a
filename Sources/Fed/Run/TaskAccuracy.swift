/// A prompt's accuracy on one task's split.
public struct TaskAccuracy: Sendable, Hashable, Codable {
  /// The task's name.
  public var task: String
  /// The fraction answered correctly.
  public var accuracy: Double
}

extension [TaskAccuracy] {
  /// The unweighted mean over tasks; 0 when empty.
  public var meanAccuracy: Double {
    isEmpty ? 0 : map(\.accuracy).reduce(0, +) / Double(count)
  }
}
