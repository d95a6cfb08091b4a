import Foundation

/// Turns source text into tokens.
///
/// Newlines are tokens, except inside `(...)` and `[...]` and after a token that cannot end a
/// statement (a binary operator, a comma, `=`).
struct Lexer {
  private let file: String
  private let chars: [Character]
  private var position: Int
  private let limit: Int
  private var line: Int
  private var column: Int
  private var brackets: [Symbol] = []
  private var output: [Token] = []
  private(set) var diagnostics: [Diagnostic] = []
  /// True when the text ended inside a string or bracket: more input could complete it.
  private(set) var endedInsideConstruct = false

  init(_ text: String, file: String) {
    self.init(chars: Array(text), file: file, from: 0, to: nil, line: 1, column: 1)
  }

  private init(chars: [Character], file: String, from: Int, to: Int?, line: Int, column: Int) {
    self.file = file
    self.chars = chars
    self.position = from
    self.limit = to ?? chars.count
    self.line = line
    self.column = column
  }

  /// Lexes the whole text; the last token is always `.end`.
  mutating func tokens() -> [Token] {
    while position < limit {
      let start = location
      let before = position
      defer {
        // Every pass takes at least one character, whatever it is.
        if position == before {
          error(Messages.unexpectedCharacter(chars[position]), from: start)
          advance()
        }
      }
      let c = chars[position]
      switch c {
      case " ", "\t", "\r": advance()
      case "\n":
        advance()
        emitNewline(at: start)
      case "#": skipComment()
      case ";" where brackets.last == nil || brackets.last == .leftBrace:
        advance()
        output.append(Token(kind: .newline, range: range(from: start)))
      case "%" where column == 1 && peek(1) == "%":
        skipCellMarker()
        emitNewline(at: start)
      // An ASCII digit alone: "0" with a combining mark is one Character that sorts between
      // "0" and "9" but is no digit, and lexNumber would take nothing of it.
      case _ where c.isASCII && c.isNumber: lexNumber(start)
      case "\"": lexString(start)
      case _ where c.isLetter || c == "_": lexWord(start)
      default: lexSymbol(start)
      }
    }
    if !brackets.isEmpty { endedInsideConstruct = true }
    output.append(Token(kind: .end, range: SourceRange(file: file, start: location, end: location)))
    return output
  }

  // MARK: - Cursor

  private var location: SourceLocation {
    SourceLocation(offset: position, line: line, column: column)
  }

  private func peek(_ ahead: Int = 0) -> Character? {
    position + ahead < limit ? chars[position + ahead] : nil
  }

  private mutating func advance() {
    if chars[position] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    position += 1
  }

  private func range(from start: SourceLocation) -> SourceRange {
    SourceRange(file: file, start: start, end: location)
  }

  private mutating func emit(_ kind: Token.Kind, from start: SourceLocation) {
    output.append(Token(kind: kind, range: range(from: start)))
  }

  private mutating func error(_ message: String, from start: SourceLocation) {
    diagnostics.append(Diagnostic(message, at: range(from: start)))
  }

  // MARK: - Tokens

  private mutating func emitNewline(at start: SourceLocation) {
    if let open = brackets.last, open != .leftBrace { return }
    guard let last = output.last else { return }
    switch last.kind {
    case .newline: return
    case .symbol(let s) where s.continuesLine: return
    default: emit(.newline, from: start)
    }
  }

  private mutating func skipComment() {
    while let c = peek(), c != "\n" { advance() }
  }

  /// Skips a `%% name` cell marker line; after `%% md`, also the prose up to the next marker.
  private mutating func skipCellMarker() {
    var marker = ""
    while let c = peek(), c != "\n" {
      marker.append(c)
      advance()
    }
    guard marker.dropFirst(2).trimmingCharacters(in: .whitespaces) == "md" else { return }
    while position < limit, !(peek() == "\n" && peek(1) == "%" && peek(2) == "%") { advance() }
  }

  private mutating func lexWord(_ start: SourceLocation) {
    var word = ""
    while let c = peek(), c.isLetter || c.isNumber || c == "_" {
      word.append(c)
      advance()
    }
    if let keyword = Keyword(rawValue: word) {
      emit(.keyword(keyword), from: start)
    } else {
      emit(.identifier(word), from: start)
    }
  }

  private mutating func lexNumber(_ start: SourceLocation) {
    var text = ""
    func digits(_ lexer: inout Lexer) {
      while let c = lexer.peek(), c.isASCII && (c.isNumber || c == "_") {
        if c != "_" { text.append(c) }
        lexer.advance()
      }
    }
    digits(&self)
    if peek() == ".", let next = peek(1), next.isASCII, next.isNumber {
      text.append(".")
      advance()
      digits(&self)
    }
    if let e = peek(), e == "e" || e == "E" {
      let sign = peek(1)
      let hasSign = sign == "+" || sign == "-"
      if let d = peek(hasSign ? 2 : 1), d.isASCII, d.isNumber {
        text.append("e")
        advance()
        if hasSign, let sign {
          text.append(sign)
          advance()
        }
        digits(&self)
      }
    }
    if let c = peek(), c.isLetter || c == "_" {
      while let c = peek(), c.isLetter || c.isNumber || c == "_" { advance() }
      error(Messages.malformedNumber, from: start)
      return
    }
    emit(.number(Double(text) ?? .nan), from: start)
  }

  private mutating func lexSymbol(_ start: SourceLocation) {
    let three = String([peek(), peek(1), peek(2)].compactMap { $0 })
    let candidates = [three, String(three.prefix(2)), String(three.prefix(1))]
    guard let symbol = candidates.lazy.compactMap({ Symbol(rawValue: $0) }).first else {
      let c = chars[position]
      advance()
      error(Messages.unexpectedCharacter(c), from: start)
      return
    }
    for _ in symbol.rawValue { advance() }
    trackBrackets(symbol, start)
    emit(.symbol(symbol), from: start)
  }

  private mutating func trackBrackets(_ symbol: Symbol, _ start: SourceLocation) {
    switch symbol {
    case .leftParen, .leftBracket, .leftBrace: brackets.append(symbol)
    case .rightParen, .rightBracket, .rightBrace:
      if !brackets.isEmpty { brackets.removeLast() }
    default: break
    }
  }
}

// MARK: - Strings

extension Lexer {
  private mutating func lexString(_ start: SourceLocation) {
    if peek(1) == "\"" && peek(2) == "\"" {
      lexMultilineString(start)
      return
    }
    advance()
    var parts: [StringPart] = []
    var text = ""
    while true {
      guard let c = peek(), c != "\n" else {
        error(Messages.unterminatedString, from: start)
        break
      }
      if c == "\"" {
        advance()
        break
      }
      lexStringCharacter(into: &text, parts: &parts)
    }
    if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
    emit(.string(parts), from: start)
  }

  /// Reads one character, escape or interpolation of a string body.
  private mutating func lexStringCharacter(into text: inout String, parts: inout [StringPart]) {
    let escapeStart = location
    let c = chars[position]
    advance()
    guard c == "\\" else {
      text.append(c)
      return
    }
    guard let e = peek() else { return }
    advance()
    switch e {
    case "n": text.append("\n")
    case "t": text.append("\t")
    case "r": text.append("\r")
    case "\"": text.append("\"")
    case "\\": text.append("\\")
    case "0": text.append("\0")
    case "(":
      if !text.isEmpty { parts.append(.text(text)) }
      text = ""
      lexInterpolation(escapeStart, into: &parts)
    default:
      error(Messages.unknownEscape(e), from: escapeStart)
    }
  }

  /// Lexes `\( code )`: finds the matching parenthesis, then lexes the code in between.
  private mutating func lexInterpolation(_ start: SourceLocation, into parts: inout [StringPart]) {
    let codeStart = location
    var depth = 1
    var scan = position
    var inString = false
    while scan < limit {
      let c = chars[scan]
      if c == "\n" && !inString { break }
      if inString {
        if c == "\\" { scan += 1 } else if c == "\"" { inString = false }
      } else if c == "\"" {
        inString = true
      } else if c == "(" {
        depth += 1
      } else if c == ")" {
        depth -= 1
        if depth == 0 { break }
      }
      scan += 1
    }
    guard scan < limit, depth == 0 else {
      error(Messages.unterminatedInterpolation, from: start)
      while let c = peek(), c != "\n" { advance() }
      return
    }
    var inner = Lexer(
      chars: chars, file: file, from: position, to: scan, line: line, column: column)
    var tokens = inner.tokens()
    diagnostics += inner.diagnostics
    tokens.removeAll { $0.kind == .newline }
    while position < scan { advance() }
    advance()
    parts.append(.code(tokens, range(from: codeStart)))
  }

  /// Lexes a string from `"""` to `"""`; the closing line's indentation is removed from every line.
  private mutating func lexMultilineString(_ start: SourceLocation) {
    for _ in 0..<3 { advance() }
    while let c = peek(), c == " " || c == "\t" { advance() }
    guard peek() == "\n" else {
      error(Messages.multilineStringStart, from: start)
      return
    }
    advance()
    guard let indent = closingIndentation() else {
      endedInsideConstruct = true
      position = limit
      diagnostics.append(
        Diagnostic(Messages.unterminatedMultilineString, at: range(from: start), kind: .incompleteInput))
      return
    }
    var parts: [StringPart] = []
    var text = ""
    var atLineStart = true
    while position < limit {
      if atLineStart {
        var skipped = 0
        while skipped < indent, let c = peek(), c == " " || c == "\t" {
          advance()
          skipped += 1
        }
        if peek() == "\"" && peek(1) == "\"" && peek(2) == "\"" {
          for _ in 0..<3 { advance() }
          break
        }
        atLineStart = false
      }
      if peek() == "\n" {
        advance()
        if !(peek(indentationAt: position) == indent && closes(at: position + indent)) {
          text.append("\n")
        }
        atLineStart = true
        continue
      }
      lexStringCharacter(into: &text, parts: &parts)
    }
    if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
    emit(.string(parts), from: start)
  }

  /// The indentation of the line holding the closing `"""`, or nil if there is none.
  private func closingIndentation() -> Int? {
    var lineStart = position
    while lineStart < limit {
      let indent = peek(indentationAt: lineStart)
      if closes(at: lineStart + indent) { return indent }
      guard let next = chars[lineStart..<limit].firstIndex(of: "\n") else { return nil }
      lineStart = next + 1
    }
    return nil
  }

  private func peek(indentationAt index: Int) -> Int {
    var i = index
    while i < limit, chars[i] == " " || chars[i] == "\t" { i += 1 }
    return i - index
  }

  private func closes(at index: Int) -> Bool {
    index + 2 < limit && chars[index] == "\"" && chars[index + 1] == "\"" && chars[index + 2] == "\""
  }
}
