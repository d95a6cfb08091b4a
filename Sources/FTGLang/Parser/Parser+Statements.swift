extension Parser {
  mutating func statement() throws -> Stmt {
    let start = current.range
    switch current.kind {
    case .keyword(.let), .keyword(.var): return try binding()
    case .keyword(.fn) where peek(1).kind != .symbol(.leftParen):
      let decl = try functionDecl()
      return Stmt(kind: .function(decl), range: decl.range)
    case .keyword(.for): return try forLoop()
    case .keyword(.while): return try whileLoop()
    case .keyword(.return):
      advance()
      guard functionDepth > 0 else { throw error(Messages.outsideFunction, at: start) }
      if case .newline = current.kind { return Stmt(kind: .returnValue(nil), range: start) }
      if current.isEnd || check(.rightBrace) { return Stmt(kind: .returnValue(nil), range: start) }
      let value = try expression()
      return Stmt(kind: .returnValue(value), range: range(from: start))
    case .keyword(.break), .keyword(.continue):
      let isBreak = check(.break)
      advance()
      guard loopDepth > 0 else { throw error(Messages.outsideLoop, at: start) }
      return Stmt(kind: isBreak ? .breakLoop : .continueLoop, range: start)
    case .keyword(.use):
      advance()
      guard case .string(let parts) = current.kind, parts.count == 1,
        case .text(let path) = parts[0]
      else { throw error(Messages.expected("a module path string after 'use'", got: current.kind)) }
      advance()
      return Stmt(kind: .use(path: path), range: range(from: start))
    default:
      return try expressionOrAssignment()
    }
  }

  private mutating func binding() throws -> Stmt {
    let start = current.range
    let mutable = check(.var)
    advance()
    let (name, nameRange) = try expectIdentifier("a name after '\(mutable ? "var" : "let")'")
    try expect(.assign, "'=' after the name")
    skipNewlines()
    let value = try expression()
    return Stmt(
      kind: .binding(name: name, nameRange: nameRange, value: value, mutable: mutable),
      range: range(from: start))
  }

  private mutating func expressionOrAssignment() throws -> Stmt {
    let target = try expression()
    guard match(.assign) else { return Stmt(kind: .expression(target), range: target.range) }
    switch target.kind {
    case .name, .member, .index: break
    default: throw error(Messages.invalidAssignmentTarget, at: target.range)
    }
    skipNewlines()
    let value = try expression()
    return Stmt(kind: .assignment(target: target, value: value), range: target.range.union(value.range))
  }

  /// `fn name(params) { body }` or `fn name(params) = expr`; the name is optional for
  /// function values (`let f = fn(x) = x + 1`).
  mutating func functionDecl() throws -> FunctionDecl {
    let start = advance().range
    var name: String?
    if case .identifier(let n) = current.kind {
      name = n
      advance()
    }
    try expect(.leftParen, "'(' after the function name")
    var parameters: [Parameter] = []
    while !check(.rightParen) {
      let (pname, prange) = try expectIdentifier("a parameter name")
      var defaultValue: Expr?
      if match(.colon) { defaultValue = try expression() }
      if parameters.contains(where: { $0.name == pname }) {
        throw error(Messages.alreadyDefined(pname), at: prange)
      }
      parameters.append(Parameter(name: pname, defaultValue: defaultValue, range: range(from: prange)))
      if !match(.comma) { break }
    }
    try expect(.rightParen, "')' after the parameters")
    functionDepth += 1
    let savedLoops = loopDepth
    loopDepth = 0
    defer {
      functionDepth -= 1
      loopDepth = savedLoops
    }
    let body: Block
    if match(.assign) {
      skipNewlines()
      let value = try expression()
      body = Block(statements: [Stmt(kind: .expression(value), range: value.range)], range: value.range)
    } else {
      body = try block("'{' or '=' before the function body")
    }
    return FunctionDecl(name: name, parameters: parameters, body: body, range: range(from: start))
  }

  private mutating func forLoop() throws -> Stmt {
    let start = advance().range
    let (variable, variableRange) = try expectIdentifier("a loop variable after 'for'")
    guard match(.in) else { throw error(Messages.expected("'in' after the loop variable", got: current.kind)) }
    let sequence = try header { try $0.expression() }
    loopDepth += 1
    defer { loopDepth -= 1 }
    let body = try block("'{' before the loop body")
    return Stmt(
      kind: .forLoop(variable: variable, variableRange: variableRange, sequence: sequence, body: body),
      range: range(from: start))
  }

  private mutating func whileLoop() throws -> Stmt {
    let start = advance().range
    let condition = try header { try $0.expression() }
    loopDepth += 1
    defer { loopDepth -= 1 }
    let body = try block("'{' before the loop body")
    return Stmt(kind: .whileLoop(condition: condition, body: body), range: range(from: start))
  }

  /// Parses the header of `if`, `for` or `while`, where `{` opens the body rather than a
  /// trailing closure.
  mutating func header(_ body: (inout Parser) throws -> Expr) throws -> Expr {
    let saved = allowsTrailingClosure
    allowsTrailingClosure = false
    defer { allowsTrailingClosure = saved }
    return try body(&self)
  }

  /// `{ statements }`, recovering from errors statement by statement.
  mutating func block(_ what: String) throws -> Block {
    let open = try expect(.leftBrace, what)
    return try nested { parser in try parser.blockBody(from: open.range) }
  }

  /// The statements of a block whose `{` was consumed, through its `}`.
  mutating func blockBody(from open: SourceRange) throws -> Block {
    let saved = allowsTrailingClosure
    allowsTrailingClosure = true
    defer { allowsTrailingClosure = saved }
    var statements: [Stmt] = []
    skipNewlines()
    while !check(.rightBrace) {
      if current.isEnd { throw error(Messages.expected("'}' to close the block", got: current.kind)) }
      do {
        statements.append(try statement())
        try endOfStatement()
      } catch {
        if current.isEnd { throw error }
        synchronize()
      }
      skipNewlines()
    }
    advance()
    return Block(statements: statements, range: range(from: open))
  }
}
