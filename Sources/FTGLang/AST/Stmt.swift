/// A statement node with its source span.
struct Stmt: Sendable {
  /// The shapes a statement can take.
  enum Kind: Sendable {
    case binding(name: String, nameRange: SourceRange, value: Expr, mutable: Bool)
    case assignment(target: Expr, value: Expr)
    case function(FunctionDecl)
    case expression(Expr)
    case forLoop(variable: String, variableRange: SourceRange, sequence: Expr, body: Block)
    case whileLoop(condition: Expr, body: Block)
    case returnValue(Expr?)
    case breakLoop
    case continueLoop
    case use(path: String)
  }

  var kind: Kind
  var range: SourceRange
}

/// `{ statements }`; its value is the value of its last expression statement.
struct Block: Sendable {
  var statements: [Stmt]
  var range: SourceRange
}

/// A named function or a closure: parameters, and a block or expression body.
struct FunctionDecl: Sendable {
  var name: String?
  var parameters: [Parameter]
  var body: Block
  var range: SourceRange
}

/// A parameter, optionally with a default value (`steps: 3`).
struct Parameter: Sendable {
  var name: String
  var defaultValue: Expr?
  var range: SourceRange
}

/// A parsed file or shell entry.
struct Program: Sendable {
  var statements: [Stmt]
  var file: String
}
