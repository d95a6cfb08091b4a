/// Builds a `Program` from tokens.
///
/// It recovers from an error by skipping to the next statement, so one typo yields one
/// diagnostic; every loop makes progress.
struct Parser {
  /// Thrown inside the parser to unwind to the enclosing statement; already recorded.
  struct Failure: Error {}

  var tokens: [Token]
  var index = 0
  var diagnostics: [Diagnostic] = []
  let file: String
  var depth = 0
  /// False while parsing an `if`/`for`/`while` header, where `{` starts the body.
  var allowsTrailingClosure = true
  var functionDepth = 0
  var loopDepth = 0

  init(tokens: [Token], file: String) {
    self.tokens = tokens
    self.file = file
  }

  /// Lexes and parses `text`, returning the program and every diagnostic found.
  static func parse(_ text: String, file: String) -> (Program, [Diagnostic], incomplete: Bool) {
    LargeStack.run { parseHere(text, file: file) }
  }

  /// Lexes and parses `text` for an asynchronous caller, which holds no thread meanwhile.
  static func parse(_ text: String, file: String) async -> (Program, [Diagnostic], incomplete: Bool) {
    await LargeStack.run { parseHere(text, file: file) }
  }

  private static func parseHere(_ text: String, file: String) -> (Program, [Diagnostic], incomplete: Bool) {
    var lexer = Lexer(text, file: file)
    let tokens = lexer.tokens()
    var parser = Parser(tokens: tokens, file: file)
    let program = parser.parse()
    let lexerLines = Set(lexer.diagnostics.map(\.range.start.line))
    let diagnostics = lexer.diagnostics + parser.diagnostics.filter { !lexerLines.contains($0.range.start.line) }
    let lexedCleanly = lexer.diagnostics.allSatisfy { $0.kind == .incompleteInput }
    let incomplete =
      lexedCleanly
      && (parser.diagnostics.first.map { $0.kind == .incompleteInput } ?? lexer.endedInsideConstruct)
    return (program, diagnostics, incomplete)
  }

  /// Parses statements until the end of input.
  mutating func parse() -> Program {
    var statements: [Stmt] = []
    skipNewlines()
    while !current.isEnd {
      do {
        statements.append(try statement())
        try endOfStatement()
      } catch {
        synchronize()
      }
      skipNewlines()
    }
    return Program(statements: statements, file: file)
  }

  // MARK: - Tokens

  var current: Token { tokens[index] }
  var previous: Token { tokens[max(0, index - 1)] }

  func peek(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[index]
    if !token.isEnd { index += 1 }
    return token
  }

  func check(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }
  func check(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

  mutating func match(_ symbol: Symbol) -> Bool {
    guard check(symbol) else { return false }
    advance()
    return true
  }

  mutating func match(_ keyword: Keyword) -> Bool {
    guard check(keyword) else { return false }
    advance()
    return true
  }

  @discardableResult
  mutating func expect(_ symbol: Symbol, _ what: String) throws -> Token {
    guard check(symbol) else { throw error(Messages.expected(what, got: current.kind)) }
    return advance()
  }

  mutating func expectIdentifier(_ what: String) throws -> (String, SourceRange) {
    guard case .identifier(let name) = current.kind else {
      throw error(Messages.expected(what, got: current.kind))
    }
    advance()
    return (name, previous.range)
  }

  mutating func skipNewlines() {
    while current.kind == .newline { advance() }
  }

  /// The first token at or after the current one that is not a newline.
  func nextSignificant() -> Token { tokens[nextSignificantIndex()] }

  func nextSignificantIndex() -> Int {
    var i = index
    while tokens[i].kind == .newline { i += 1 }
    return i
  }

  func range(from start: SourceRange) -> SourceRange { start.union(previous.range) }

  // MARK: - Errors

  /// Records a diagnostic at the current token and returns the failure to throw.
  ///
  /// At the end of input the error points just after the last token, where more was expected.
  mutating func error(_ message: String) -> Failure {
    guard current.isEnd, index > 0 else { return error(message, at: current.range) }
    let after = previous.kind == .newline ? previous.range.start : previous.range.end
    return error(message, at: SourceRange(file: file, start: after, end: after))
  }

  mutating func error(_ message: String, at range: SourceRange) -> Failure {
    // The first error decides: input that ran out there is unfinished, not wrong.
    let ranOut = current.isEnd && diagnostics.isEmpty
    diagnostics.append(Diagnostic(message, at: range, kind: ranOut ? .incompleteInput : .general))
    return Failure()
  }

  /// Runs `body` inside brackets, where a `{` after a call is a trailing closure again even
  /// in the header of an `if`, `for` or `while`.
  mutating func bracketed<T>(_ body: (inout Parser) throws -> T) throws -> T {
    let saved = allowsTrailingClosure
    allowsTrailingClosure = true
    defer { allowsTrailingClosure = saved }
    return try body(&self)
  }

  /// Runs `body` one nesting level deeper, failing past `Limits.nesting`.
  mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
    guard depth < Limits.nesting else { throw error(Messages.expressionTooDeep) }
    depth += 1
    defer { depth -= 1 }
    return try body(&self)
  }

  /// Skips tokens to the start of the next statement, always consuming at least one
  /// token so that every parsing loop makes progress.
  mutating func synchronize() {
    let start = index
    defer { if index == start { advance() } }
    var braces = 0
    while !current.isEnd {
      switch current.kind {
      case .newline where braces <= 0:
        return
      case .symbol(.leftBrace):
        braces += 1
      case .symbol(.rightBrace):
        if braces == 0 { return }
        braces -= 1
      default:
        break
      }
      advance()
    }
  }

  mutating func endOfStatement() throws {
    switch current.kind {
    case .newline, .end, .symbol(.rightBrace): return
    default: throw error(Messages.expected("end of line after statement", got: current.kind))
    }
  }
}
