extension Parser {
  /// The lowest precedence: `a |> f(b)` means `f(a, b)`.
  mutating func expression() throws -> Expr {
    try nested { parser in
      var left = try parser.or()
      while parser.continuesOnNextLine(with: .pipe) || parser.check(.pipe) {
        parser.skipNewlines()
        parser.advance()
        parser.skipNewlines()
        let right = try parser.or()
        let range = left.range.union(right.range)
        if case .call(let callee, let arguments) = right.kind {
          let first = Argument(label: nil, value: left, range: left.range)
          left = Expr(kind: .call(callee, [first] + arguments), range: range)
        } else {
          left = Expr(kind: .call(right, [Argument(label: nil, value: left, range: left.range)]), range: range)
        }
      }
      return left
    }
  }

  /// True at a newline whose next line starts with `symbol` (`|>` or `.`), which continues
  /// the expression.
  func continuesOnNextLine(with symbol: Symbol) -> Bool {
    current.kind == .newline && nextSignificant().kind == .symbol(symbol)
  }

  private mutating func binaryLevel(
    _ operators: [Symbol: BinaryOperator], next: (inout Parser) throws -> Expr
  ) throws -> Expr {
    var left = try next(&self)
    while case .symbol(let s) = current.kind, let op = operators[s] {
      advance()
      let right = try nested { try next(&$0) }
      left = Expr(kind: .binary(op, left, right), range: left.range.union(right.range))
    }
    return left
  }

  private mutating func or() throws -> Expr {
    try binaryLevel([.or: .or]) { try $0.and() }
  }

  private mutating func and() throws -> Expr {
    try binaryLevel([.and: .and]) { try $0.comparison() }
  }

  private mutating func comparison() throws -> Expr {
    try binaryLevel(
      [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
        .greater: .greater, .greaterEqual: .greaterEqual,
      ]
    ) { try $0.rangeExpression() }
  }

  private mutating func rangeExpression() throws -> Expr {
    let lower = try additive()
    guard check(.halfOpenRange) || check(.closedRange) else { return lower }
    let inclusive = advance().kind == .symbol(.closedRange)
    let upper = try additive()
    return Expr(kind: .range(lower, upper, inclusive: inclusive), range: lower.range.union(upper.range))
  }

  private mutating func additive() throws -> Expr {
    try binaryLevel([.plus: .add, .minus: .subtract]) { try $0.multiplicative() }
  }

  private mutating func multiplicative() throws -> Expr {
    try binaryLevel([.star: .multiply, .slash: .divide, .percent: .remainder]) { try $0.unary() }
  }

  private mutating func unary() throws -> Expr {
    let start = current.range
    let op: UnaryOperator
    if match(.minus) {
      op = .negate
    } else if match(.bang) {
      op = .not
    } else {
      return try postfix()
    }
    let operand = try nested { try $0.unary() }
    return Expr(kind: .unary(op, operand), range: start.union(operand.range))
  }

  // MARK: - Calls, members, indexing

  private mutating func postfix() throws -> Expr {
    var expr = try primary()
    var links = 0
    while true {
      links += 1
      guard links < Limits.nesting * 10 else { throw error(Messages.expressionTooDeep) }
      if match(.leftParen) {
        let arguments = try bracketed { try $0.argumentList() }
        expr = Expr(kind: .call(expr, arguments), range: range(from: expr.range))
        expr = try trailingClosure(after: expr)
      } else if check(.dot) || continuesOnNextLine(with: .dot) {
        skipNewlines()
        advance()
        let (name, _) = try expectIdentifier("a member name after '.'")
        expr = Expr(kind: .member(expr, name), range: range(from: expr.range))
        expr = try trailingClosure(after: expr)
      } else if match(.leftBracket) {
        let index = try bracketed { try $0.expression() }
        try expect(.rightBracket, "']' after the index")
        expr = Expr(kind: .index(expr, index), range: range(from: expr.range))
      } else {
        return expr
      }
    }
  }

  /// `f(x) { a in ... }` and `xs.map { x in ... }`: a closure after a call is its last argument.
  private mutating func trailingClosure(after expr: Expr) throws -> Expr {
    guard allowsTrailingClosure, check(.leftBrace) else { return expr }
    let open = advance().range
    let closure = try nested { try $0.closure(from: open) }
    let argument = Argument(label: nil, value: closure, range: closure.range)
    if case .call(let callee, let arguments) = expr.kind {
      return Expr(kind: .call(callee, arguments + [argument]), range: expr.range.union(closure.range))
    }
    return Expr(kind: .call(expr, [argument]), range: expr.range.union(closure.range))
  }

  private mutating func argumentList() throws -> [Argument] {
    var arguments: [Argument] = []
    while !check(.rightParen) {
      let start = current.range
      var label: String?
      if case .identifier(let name) = current.kind, peek(1).kind == .symbol(.colon) {
        label = name
        advance()
        advance()
      }
      let value = try expression()
      if label == nil, arguments.contains(where: { $0.label != nil }) {
        throw error(Messages.positionalAfterLabelled, at: value.range)
      }
      arguments.append(Argument(label: label, value: value, range: start.union(value.range)))
      if !match(.comma) { break }
    }
    try expect(.rightParen, "')' after the arguments")
    return arguments
  }
}
