import Testing

@testable import FTGLang

/// The exact text of errors, as LANGUAGE.md shows them: position, message, the source line
/// and a caret under the span.
@Suite struct DiagnosticRenderingTests {
  static let cases: [(source: String, rendered: String)] = [
    (
      "let uid = 1\nfn round(cs, aggregate: nil) = cs\nround(cs: 1, aggregate: uidd)",
      """
      demo.ftg:3:25: error: unknown name 'uidd'; did you mean 'uid'?
        round(cs: 1, aggregate: uidd)
                                ^~~~
      """
    ),
    (
      "print(1 +)",
      """
      demo.ftg:1:10: error: expected an expression, got ')'
        print(1 +)
                 ^
      """
    ),
    (
      "let x = [1, 2]\nprint(x[5])",
      """
      demo.ftg:2:9: error: index 5 is out of range for a list of 2 elements
        print(x[5])
                ^
      """
    ),
    (
      "let s = \"abc",
      """
      demo.ftg:1:9: error: unterminated string; expected '"'
        let s = "abc
                ^~~~
      """
    ),
    (
      "fn f(n) = n + \"a\"\nf(1)",
      """
      demo.ftg:1:11: error: cannot apply '+' to Number and String; use interpolation: "\\(x)"
        fn f(n) = n + "a"
                  ^~~~~~~
        note: in 'f' called at demo.ftg:2:1
      """
    ),
    (
      "let t = 1 @ 2",
      """
      demo.ftg:1:11: error: unexpected character '@'
        let t = 1 @ 2
                  ^
      """
    ),
  ]

  @Test(arguments: cases)
  func rendersPlain(_ source: String, _ rendered: String) async {
    let result = await run(source, file: "demo.ftg")
    #expect(result.errors == rendered)
  }

  @Test func colourWrapsPartsInANSICodes() {
    let start = SourceLocation(offset: 0, line: 1, column: 1)
    let end = SourceLocation(offset: 1, line: 1, column: 2)
    let diagnostic = Diagnostic("boom", at: SourceRange(file: "f", start: start, end: end))
    let text = DiagnosticRenderer(color: true).render(diagnostic, source: "x")
    #expect(text.contains("\u{1B}[1;31merror:\u{1B}[0m"))
    #expect(DiagnosticRenderer(color: false).render(diagnostic, source: "x") == "f:1:1: error: boom\n  x\n  ^")
  }
}
