/// Arithmetic, comparison and joining of values.
enum Operators {
  static func apply(_ op: UnaryOperator, _ operand: Value, at range: SourceRange) throws -> Value {
    switch (op, operand.asPlainNumber) {
    case (.negate, .number(let n)): return .number(-n)
    case (.not, .bool(let b)): return .bool(!b)
    default: throw Diagnostic(Messages.invalidOperand(op.rawValue, operand.typeName), at: range)
    }
  }

  /// A numeric object (an accuracy with its interval) takes part as the number it stands for.
  static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value, at range: SourceRange) throws -> Value {
    let a = a.asPlainNumber
    let b = b.asPlainNumber
    switch op {
    case .equal: return .bool(a == b)
    case .notEqual: return .bool(a != b)
    case .less, .lessEqual, .greater, .greaterEqual:
      let order = try compare(a, b, op: op.rawValue, at: range)
      switch op {
      case .less: return .bool(order < 0)
      case .lessEqual: return .bool(order <= 0)
      case .greater: return .bool(order > 0)
      default: return .bool(order >= 0)
      }
    case .add: return try add(a, b, at: range)
    case .multiply: return try multiply(a, b, at: range)
    case .subtract, .divide, .remainder:
      guard case .number(let x) = a, case .number(let y) = b else { break }
      switch op {
      case .subtract: return .number(x - y)
      case .divide:
        guard y != 0 else { throw Diagnostic(Messages.divisionByZero, at: range) }
        return .number(x / y)
      default:
        guard y != 0 else { throw Diagnostic(Messages.divisionByZero, at: range) }
        let r = x.truncatingRemainder(dividingBy: y)
        return .number(r != 0 && (r < 0) != (y < 0) ? r + y : r)
      }
    case .and, .or: break
    }
    throw invalid(op.rawValue, a, b, at: range)
  }

  /// -1, 0 or 1 for numbers or strings; anything else cannot be ordered.
  static func compare(_ a: Value, _ b: Value, op: String, at range: SourceRange) throws -> Int {
    switch (a.asPlainNumber, b.asPlainNumber) {
    case (.number(let x), .number(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    default: throw invalid(op, a, b, at: range)
    }
  }

  private static func add(_ a: Value, _ b: Value, at range: SourceRange) throws -> Value {
    switch (a, b) {
    case (.number(let x), .number(let y)): return .number(x + y)
    case (.string(let x), .string(let y)):
      guard x.count + y.count <= Limits.collectionSize else {
        throw Diagnostic(Messages.tooBig("the string"), at: range)
      }
      return .string(x + y)
    case (.list(let x), .list(let y)):
      guard x.count + y.count <= Limits.collectionSize else { throw Diagnostic(Messages.tooBig("the list"), at: range) }
      return .list(x + y)
    case (.string, _), (_, .string):
      throw Diagnostic(
        Messages.invalidOperands("+", a.typeName, b.typeName) + "; use interpolation: \"\\(x)\"", at: range)
    default: throw invalid("+", a, b, at: range)
    }
  }

  private static func multiply(_ a: Value, _ b: Value, at range: SourceRange) throws -> Value {
    switch (a, b) {
    case (.number(let x), .number(let y)): return .number(x * y)
    case (.string(let s), .number), (.number, .string(let s)):
      let n = try repeatCount(a, b, size: s.count, at: range)
      return .string(String(repeating: s, count: n))
    case (.list(let xs), .number), (.number, .list(let xs)):
      let n = try repeatCount(a, b, size: xs.count, at: range)
      return .list(Array([[Value]](repeating: xs, count: n).joined()))
    default: throw invalid("*", a, b, at: range)
    }
  }

  private static func repeatCount(_ a: Value, _ b: Value, size: Int, at range: SourceRange) throws -> Int {
    let countValue: Value
    if case .number = a { countValue = a } else { countValue = b }
    let n = max(0, try Arguments.integer(countValue, name: "repeat count", at: range))
    guard size == 0 || n <= Limits.collectionSize / size else {
      throw Diagnostic(Messages.tooBig("the result"), at: range)
    }
    return n
  }

  private static func invalid(_ op: String, _ a: Value, _ b: Value, at range: SourceRange) -> Diagnostic {
    Diagnostic(Messages.invalidOperands(op, a.typeName, b.typeName), at: range)
  }
}
