/// Why building or walking a TextGrad graph failed.
///
/// Each case names the variable or the fields involved, so the message says what to fix.
public enum GraphError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `backward` was called on a variable that does not require gradients.
  case backwardWithoutGradient(role: String)
  /// The inputs of a formatted call do not match its fields.
  case fieldsMismatch(expected: [String], given: [String])
  /// A multi-field evaluation got a different number of inputs than it has fields.
  case fieldCountMismatch(expected: Int, given: Int)
  /// An operation that combines variables was given none.
  case noInputs(operation: String)

  /// A one-line explanation naming what was wrong.
  public var description: String {
    switch self {
    case .backwardWithoutGradient(let role):
      return "backward called on '\(role)', which does not require gradients"
    case .fieldsMismatch(let expected, let given):
      return "formatted call expects fields \(expected.sorted()) but was given \(given.sorted())"
    case .fieldCountMismatch(let expected, let given):
      return "evaluation has \(expected) fields but was given \(given) inputs"
    case .noInputs(let operation):
      return "\(operation) needs at least one input variable"
    }
  }
}
