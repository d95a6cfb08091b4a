/// An expression node with the span of source it was parsed from.
struct Expr: Sendable {
  /// The shapes an expression can take.
  indirect enum Kind: Sendable {
    case number(Double)
    case string(String)
    case interpolation([InterpolationPart])
    case bool(Bool)
    case null
    case name(String)
    case list([Expr])
    case record([RecordEntry])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case range(Expr, Expr, inclusive: Bool)
    case call(Expr, [Argument])
    case member(Expr, String)
    case index(Expr, Expr)
    case closure(FunctionDecl)
    case conditional(IfExpr)
  }

  var kind: Kind
  var range: SourceRange
}

/// A piece of an interpolated string literal.
enum InterpolationPart: Sendable {
  case text(String)
  case expr(Expr)
}

/// `key: value` in a record literal.
struct RecordEntry: Sendable {
  var key: String
  var keyRange: SourceRange
  var value: Expr
}

/// One argument of a call, positional (`label == nil`) or labelled.
struct Argument: Sendable {
  var label: String?
  var value: Expr
  var range: SourceRange
}

/// `if cond { ... } else ...`, an expression whose value is the chosen block's.
struct IfExpr: Sendable {
  var condition: Expr
  var then: Block
  /// An `else` block; an `else if` is a block holding one `if` expression.
  var otherwise: Block?
}

/// Prefix operators.
enum UnaryOperator: String, Sendable {
  case negate = "-"
  case not = "!"
}

/// Infix operators, with `&&` and `||` evaluated lazily.
enum BinaryOperator: String, Sendable {
  case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
  case greaterEqual = ">=", and = "&&", or = "||"
}
