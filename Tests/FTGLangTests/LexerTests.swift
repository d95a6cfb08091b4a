import Testing

@testable import FTGLang

@Suite struct LexerTests {
  private func kinds(_ text: String) -> [Token.Kind] {
    var lexer = Lexer(text, file: "t")
    return lexer.tokens().map(\.kind)
  }

  @Test func numbersWithUnderscoresFractionsAndExponents() {
    #expect(kinds("3 0.7 1e-3 1_000") == [.number(3), .number(0.7), .number(0.001), .number(1000), .end])
  }

  @Test func rangeAfterNumberIsNotAFraction() {
    #expect(kinds("1..<3") == [.number(1), .symbol(.halfOpenRange), .number(3), .end])
    #expect(kinds("1...3") == [.number(1), .symbol(.closedRange), .number(3), .end])
  }

  @Test func newlinesInsideParenthesesAndAfterOperatorsAreDropped() {
    #expect(
      kinds("f(1,\n2)") == [
        .identifier("f"), .symbol(.leftParen), .number(1), .symbol(.comma), .number(2), .symbol(.rightParen), .end,
      ])
    #expect(kinds("1 +\n2\n3") == [.number(1), .symbol(.plus), .number(2), .newline, .number(3), .end])
  }

  @Test func commentsRunToEndOfLine() {
    #expect(kinds("x # note\ny") == [.identifier("x"), .newline, .identifier("y"), .end])
  }

  @Test func escapesAndInterpolation() {
    let tokens = kinds(#""a\n\"b\" \(x + 1)!""#)
    guard case .string(let parts) = tokens[0] else {
      Issue.record("expected a string token")
      return
    }
    #expect(parts.count == 3)
    #expect(parts[0] == .text("a\n\"b\" "))
    #expect(parts[2] == .text("!"))
  }

  @Test func multilineStringStripsClosingIndentation() {
    let source = "let s = \"\"\"\n    first\n      second\n    \"\"\""
    #expect(kinds(source)[3] == .string([.text("first\n  second")]))
  }

  @Test func keywordsAreReserved() {
    #expect(kinds("let letter") == [.keyword(.let), .identifier("letter"), .end])
  }

  @Test func badCharactersAndUnterminatedStringsAreDiagnosed() {
    var lexer = Lexer("x @ \"open", file: "t")
    _ = lexer.tokens()
    #expect(
      lexer.diagnostics.map(\.message) == [
        Messages.unexpectedCharacter("@"), Messages.unterminatedString,
      ])
  }
}

@Suite struct CellMarkerTests {
  @Test func aCellMarkerLineEndsTheStatementAndIsSkipped() {
    var lexer = Lexer("let a = 1\n%% next cell\nlet b = a % 2", file: "t")
    let kinds = lexer.tokens().map(\.kind)
    #expect(kinds.filter { $0 == .symbol(.percent) }.count == 1)
    #expect(lexer.diagnostics.isEmpty)
  }

  @Test func proseCellsAreNotCode() {
    var lexer = Lexer("let a = 1\n%% md\nSome *prose*, with 'quotes'.\n\n%% code\nprint(a)", file: "t")
    let kinds = lexer.tokens().map(\.kind)
    #expect(lexer.diagnostics.isEmpty)
    #expect(kinds.contains(.identifier("print")))
    #expect(!kinds.contains(.identifier("Some")))
  }
}
