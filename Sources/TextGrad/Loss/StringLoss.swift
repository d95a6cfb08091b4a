/// A loss computed by a Swift scoring closure, such as exact match against the right answer.
///
/// The loss variable's value is the score as text ("1", "0", "0.5"); its backward step is
/// `StringFunction`'s, which asks the backward engine how the inputs should change given
/// what the score measures.
public struct StringLoss: Sendable {
  /// The scoring step: the closure and what it measures.
  public let function: StringFunction

  /// A loss that scores input values by name with `score`, described by `purpose`.
  public init(
    purpose: String, templates: PromptTemplates = .ftg,
    score: @escaping @Sendable ([String: String]) throws -> Double
  ) {
    self.function = StringFunction(purpose: purpose, templates: templates) { values in
      Self.render(try score(values))
    }
  }

  /// Scores the inputs; the result is the loss variable.
  public func forward(_ inputs: KeyValuePairs<String, Variable>) throws -> Variable {
    try function.forward(inputs)
  }

  /// A score as short text: whole numbers without a fraction.
  static func render(_ score: Double) -> String {
    if score == score.rounded(), abs(score) < 1e15 { return String(Int(score)) }
    return String(score)
  }
}
