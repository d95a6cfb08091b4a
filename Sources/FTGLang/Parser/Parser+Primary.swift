extension Parser {
  mutating func primary() throws -> Expr {
    let token = current
    switch token.kind {
    case .number(let value):
      advance()
      return Expr(kind: .number(value), range: token.range)
    case .string(let parts):
      advance()
      return try stringLiteral(parts, range: token.range)
    case .identifier(let name):
      advance()
      return Expr(kind: .name(name), range: token.range)
    case .keyword(.true), .keyword(.false):
      advance()
      return Expr(kind: .bool(token.kind == .keyword(.true)), range: token.range)
    case .keyword(.nil):
      advance()
      return Expr(kind: .null, range: token.range)
    case .keyword(.if):
      return try ifExpression()
    case .keyword(.fn):
      let decl = try functionDecl()
      return Expr(kind: .closure(decl), range: decl.range)
    case .symbol(.leftParen):
      advance()
      let inner = try bracketed { try $0.expression() }
      try expect(.rightParen, "')' after the expression")
      return Expr(kind: inner.kind, range: token.range.union(previous.range))
    case .symbol(.leftBracket):
      advance()
      return try bracketed { try $0.listLiteral(from: token.range) }
    case .symbol(.leftBrace):
      advance()
      return try braceExpression(from: token.range)
    default:
      throw error(Messages.expected("an expression", got: token.kind))
    }
  }

  private mutating func stringLiteral(_ parts: [StringPart], range: SourceRange) throws -> Expr {
    if parts.count == 1, case .text(let text) = parts[0] {
      return Expr(kind: .string(text), range: range)
    }
    var pieces: [InterpolationPart] = []
    for part in parts {
      switch part {
      case .text(let text):
        pieces.append(.text(text))
      case .code(let tokens, let codeRange):
        var inner = Parser(tokens: tokens, file: file)
        inner.depth = depth
        guard !tokens.allSatisfy(\.isEnd) else {
          throw error(Messages.expected("an expression inside '\\( )'", got: .end), at: codeRange)
        }
        let expr = try? inner.expression()
        if let expr, inner.current.isEnd {
          pieces.append(.expr(expr))
        } else {
          if expr != nil { _ = inner.error(Messages.expected("')' to end the interpolation", got: inner.current.kind)) }
          diagnostics += inner.diagnostics
          throw Failure()
        }
      }
    }
    return Expr(kind: .interpolation(pieces), range: range)
  }

  private mutating func listLiteral(from start: SourceRange) throws -> Expr {
    var elements: [Expr] = []
    while !check(.rightBracket) {
      elements.append(try expression())
      if !match(.comma) { break }
    }
    try expect(.rightBracket, "']' after the list elements")
    return Expr(kind: .list(elements), range: range(from: start))
  }

  /// After `{`: a record (`{}` or `{key: value, ...}`) or a closure (`{ a, b in ... }`).
  private mutating func braceExpression(from start: SourceRange) throws -> Expr {
    let firstIndex = nextSignificantIndex()
    let first = tokens[firstIndex]
    let afterFirst = tokens[min(firstIndex + 1, tokens.count - 1)]
    if first.kind == .symbol(.rightBrace) {
      skipNewlines()
      advance()
      return Expr(kind: .record([]), range: range(from: start))
    }
    switch (first.kind, afterFirst.kind) {
    case (.identifier, .symbol(.colon)), (.string, .symbol(.colon)):
      return try recordLiteral(from: start)
    default:
      return try closure(from: start)
    }
  }

  private mutating func recordLiteral(from start: SourceRange) throws -> Expr {
    var entries: [RecordEntry] = []
    skipNewlines()
    while !check(.rightBrace) {
      let keyToken = current
      let key: String
      switch keyToken.kind {
      case .identifier(let name): key = name
      case .string(let parts) where parts.count == 1:
        guard case .text(let text) = parts[0] else { fallthrough }
        key = text
      default: throw error(Messages.expected("a record key", got: keyToken.kind))
      }
      advance()
      try expect(.colon, "':' after the record key")
      skipNewlines()
      let value = try expression()
      if entries.contains(where: { $0.key == key }) {
        throw error(Messages.duplicateKey(key), at: keyToken.range)
      }
      entries.append(RecordEntry(key: key, keyRange: keyToken.range, value: value))
      skipNewlines()
      if !match(.comma) { break }
      skipNewlines()
    }
    skipNewlines()
    try expect(.rightBrace, "'}' after the record entries")
    return Expr(kind: .record(entries), range: range(from: start))
  }

  /// A closure whose `{` was consumed: optional `a, b in`, then statements.
  mutating func closure(from start: SourceRange) throws -> Expr {
    var parameters: [Parameter] = []
    if closureHasParameters() {
      skipNewlines()
      repeat {
        let (name, range) = try expectIdentifier("a closure parameter")
        parameters.append(Parameter(name: name, defaultValue: nil, range: range))
      } while match(.comma)
      advance()  // `in`
    }
    functionDepth += 1
    let savedLoops = loopDepth
    loopDepth = 0
    defer {
      functionDepth -= 1
      loopDepth = savedLoops
    }
    let body = try blockBody(from: start)
    let decl = FunctionDecl(name: nil, parameters: parameters, body: body, range: body.range)
    return Expr(kind: .closure(decl), range: body.range)
  }

  /// True when the tokens ahead read `name (, name)* in`.
  private func closureHasParameters() -> Bool {
    var i = index
    while tokens[i].kind == .newline { i += 1 }
    while true {
      guard case .identifier = tokens[i].kind else { return false }
      i += 1
      if tokens[i].kind == .keyword(.in) { return true }
      guard tokens[i].kind == .symbol(.comma) else { return false }
      i += 1
    }
  }

  private mutating func ifExpression() throws -> Expr {
    let start = advance().range
    let condition = try header { try $0.expression() }
    let then = try block("'{' after the condition")
    var otherwise: Block?
    if current.kind == .newline, nextSignificant().kind == .keyword(.else) { skipNewlines() }
    if match(.else) {
      if check(.if) {
        let nestedIf = try nested { try $0.ifExpression() }
        otherwise = Block(
          statements: [Stmt(kind: .expression(nestedIf), range: nestedIf.range)], range: nestedIf.range)
      } else {
        otherwise = try block("'{' or 'if' after 'else'")
      }
    }
    let node = IfExpr(condition: condition, then: then, otherwise: otherwise)
    return Expr(kind: .conditional(node), range: range(from: start))
  }
}
