/// One task example: the input given to the model and the expected answer, both as text.
public struct Example: Sendable, Hashable, Codable {
  /// The input (question) shown to the model.
  public let x: String
  /// The ground-truth answer.
  public let y: String

  /// Creates an example.
  public init(x: String, y: String) {
    self.x = x
    self.y = y
  }
}
