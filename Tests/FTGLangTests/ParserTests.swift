import Testing

@testable import FTGLang

/// Golden tests of the parser: source in, printed tree out.
@Suite struct ParserTests {
  static let cases: [(source: String, tree: String)] = [
    ("1 + 2 * 3", "(+ 1 (* 2 3))"),
    ("a || b && c == d", "(|| a (&& b (== c d)))"),
    ("-x.y[0]", "(- (index (. x y) 0))"),
    ("!ok", "(! ok)"),
    ("0..<n + 1", "(..< 0 (+ n 1))"),
    ("let x = 1", "(let x 1)"),
    ("var y = [1, 2]", "(var y [1 2])"),
    ("y = {a: 1, \"b c\": 2}", "(= y {a: 1 b c: 2})"),
    ("xs[0] = 3", "(= (index xs 0) 3)"),
    ("fn add(a, b) { a + b }", "(fn add (a b) {(+ a b)})"),
    ("fn twice(x) = x * 2", "(fn twice (x) {(* x 2)})"),
    ("fn train(t, steps: 3) { t }", "(fn train (t steps: 3) {t})"),
    ("round(cs, steps: 3, aggregate: uid)", "(call round cs steps: 3 aggregate: uid)"),
    ("xs.map { x in x * 2 }", "(call (. xs map) (fn _ (x) {(* x 2)}))"),
    ("xs.reduce(0) { a, b in a + b }", "(call (. xs reduce) 0 (fn _ (a b) {(+ a b)}))"),
    (
      "aggregator(\"mine\") { prompts in prompts[0] }",
      "(call aggregator \"mine\" (fn _ (prompts) {(index prompts 0)}))"
    ),
    ("{ 42 }", "(fn _ () {42})"),
    ("{}", "{}"),
    ("x |> f(y)", "(call f x y)"),
    ("x |> f |> g(1)", "(call g (call f x) 1)"),
    ("if a { 1 } else if b { 2 } else { 3 }", "(if a {1} {(if b {2} {3})})"),
    ("for x in xs { print(x) }", "(for x xs {(call print x)})"),
    ("while n > 0 { n = n - 1 }", "(while (> n 0) {(= n (- n 1))})"),
    ("fn f() { return }", "(fn f () {(return)})"),
    ("use \"stdlib/sweep\"", "(use \"stdlib/sweep\")"),
    ("\"a \\(b + 1) c\"", "(interp \"a \" (+ b 1) \" c\")"),
    ("f(\n  1,\n  2\n)", "(call f 1 2)"),
    ("xs\n  .map { x in x }\n  |> count", "(call count (call (. xs map) (fn _ (x) {x})))"),
    ("let a = 1\nlet b = 2", "(let a 1)\n(let b 2)"),
    ("1 +\n2", "(+ 1 2)"),
    ("for i in 1...3 { if i == 2 { break } }", "(for i (... 1 3) {(if (== i 2) {(break)})})"),
  ]

  @Test(arguments: cases)
  func parses(_ source: String, _ tree: String) {
    let (program, diagnostics, _) = Parser.parse(source, file: "t")
    #expect(diagnostics.map(\.message) == [])
    #expect(program.dump == tree)
  }

  @Test func nodesCarryTheirSourceRanges() {
    let (program, _, _) = Parser.parse("let x = foo(1,\n  bar)", file: "t")
    guard case .binding(_, let nameRange, let value, _) = program.statements[0].kind else {
      Issue.record("expected a binding")
      return
    }
    #expect(nameRange.start.column == 5)
    #expect(value.range.start.line == 1 && value.range.start.column == 9)
    #expect(value.range.end.line == 2 && value.range.end.column == 7)
  }

  @Test func oneTypoGivesOneDiagnostic() {
    let (_, diagnostics, _) = Parser.parse("let x = (1 +\nlet y = 2\nprint(y)", file: "t")
    #expect(diagnostics.count == 1)
  }

  @Test func recoversInsideBlocks() {
    let (program, diagnostics, _) = Parser.parse("fn f() {\n  let = 1\n  2\n}\nlet z = 3", file: "t")
    #expect(diagnostics.count == 1)
    #expect(program.statements.count == 2)
  }

  @Test(arguments: [
    ("fn f() {", true), ("f(1,", true), ("[1, 2", true), ("let s = \"\"\"\nabc", true),
    ("let x = 1 +", true), ("let x = 1", false), ("print(\"abc", false), ("let = 1 (", false),
    ("f(1))", false),
  ])
  func incompleteInput(_ source: String, _ incomplete: Bool) {
    #expect(Parser.parse(source, file: "t").incomplete == incomplete)
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let source = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
    let (_, diagnostics, _) = Parser.parse(source, file: "t")
    #expect(diagnostics.first?.message == Messages.expressionTooDeep)
    let unary = String(repeating: "-", count: 5_000) + "1"
    #expect(Parser.parse(unary, file: "t").1.first?.message == Messages.expressionTooDeep)
    let lists = String(repeating: "[", count: 5_000)
    #expect(!Parser.parse(lists, file: "t").1.isEmpty)
  }
}
