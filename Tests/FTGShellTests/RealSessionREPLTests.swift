import FTGLang
import FTGTestSupport
import Testing

@testable import FTGShell

/// The REPL over FTGLang's real `Session`.
///
/// These need the real language and fail against the placeholder session (it returns no
/// value and never asks for more lines).
@Suite(.tags(.needsRealLanguage))
struct RealSessionREPLTests {
  let host = RecordingHost()
  /// Machines under load can be slow; these tests are not about the timing line.
  static let noSummary: Duration = .seconds(3600)

  private func run(_ script: [ScriptedLineReader.Keystroke]) async -> ScriptedLineReader {
    let session = Session(host: host, moduleSearchPaths: [])
    let reader = ScriptedLineReader(script)
    await REPL(
      session: session, reader: reader, host: host, style: TerminalStyle(color: false),
      summaryThreshold: Self.noSummary
    )
    .run()
    return reader
  }

  @Test func realLanguage_bindingsPersistAcrossEntries() async {
    _ = await run(["let x = 1", "x + 1", "\"a\" + \"b\""])
    #expect(host.output == "2\n\"ab\"\n")
    #expect(host.errors.isEmpty)
  }

  @Test func realLanguage_aFunctionOverSeveralLinesIsOneEntry() async {
    let reader = await run(["fn add(a, b) {", "a + b", "}", "add(2, 3)"])
    #expect(reader.prompts == ["ftg> ", "...> ", "...> ", "ftg> ", "ftg> "])
    #expect(reader.history == ["fn add(a, b) {\na + b\n}", "add(2, 3)"])
    #expect(host.output == "5\n")
  }

  @Test func realLanguage_printWritesThroughTheHostAndErrorsKeepBindings() async {
    _ = await run(["let n = 3", "print(n * 2)", "n +", ")", "nope", "n"])
    #expect(host.output.hasPrefix("6\n"))
    #expect(host.output.hasSuffix("3\n"))
    #expect(host.errors.contains("<repl>:"))
    #expect(host.errors.contains("'nope'"))
  }

  @Test func realLanguage_bindingsAndResetCommands() async {
    _ = await run(["let x = 1", ":bindings", ":reset", ":bindings"])
    #expect(host.output == "x = 1\nall bindings forgotten\nno bindings yet\n")
  }

  @Test func realLanguage_costShowsEachEnginesCallsAndATotal() async throws {
    let llm = try await SimulatedLLM()
    _ = await run([
      ":cost", .line("let e = engine(\"simulated\", base: \"\(llm.base)\", cache: false)"),
      "let r = llm(prompt(\"Answer briefly.\"), \"How many legs has a cat?\", engine: e)", ":cost",
    ])
    let lines = host.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "no LLM calls yet")
    #expect(lines.contains { $0.hasPrefix("engine") && $0.contains("calls") && $0.contains("shared") })
    let simulated = try #require(lines.first { $0.hasPrefix("simulated") })
    let total = try #require(lines.first { $0.hasPrefix("total") })
    #expect(simulated.split(separator: " ").contains("1"))
    #expect(total.split(separator: " ").first == "total" && total.split(separator: " ").contains("1"))
    #expect(host.errors.isEmpty)
  }

  @Test func realLanguage_dryEstimatesAnEntryWithoutCallingTheEngine() async throws {
    let llm = try await SimulatedLLM()
    _ = await run([
      .line("let e = engine(\"simulated\", base: \"\(llm.base)\", cache: false)"),
      ":dry llm(prompt(\"Answer briefly.\"), \"How many legs has a cat?\", engine: e)", ":cost", ":dry",
    ])
    #expect(host.output.hasPrefix("{calls: 1, calls_max: 1, answered: 0, tokens_min: "))
    #expect(host.output.contains("\nno LLM calls yet\n"))
    #expect(host.errors.contains(":dry needs EXPR") || host.errors.contains("EXPR"))
  }

  @Test func realLanguage_explainListsTheLastEntrysCalls() async throws {
    let llm = try await SimulatedLLM()
    _ = await run([
      .line("let e = engine(\"simulated\", base: \"\(llm.base)\", cache: false)"), ":explain",
      "let p = prompt(\"Answer briefly.\"); let a = llm(p, \"How many legs has a cat?\", engine: e); let b = llm(p, \"And a bird?\", engine: e)",
      ":explain", "1 + 1", ":explain",
    ])
    let lines = host.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "the last entry made no LLM call")
    let numbered = lines.filter { $0.hasPrefix("1. ") || $0.hasPrefix("2. ") }
    #expect(numbered.count == 2, "\(host.output) \(host.errors)")
    #expect(numbered.allSatisfy { $0.contains("other · simulated · ") && $0.contains("tokens in") })
    #expect(numbered.last?.hasSuffix("\"And a bird?\"") == true)
    #expect(lines.last == "the last entry made no LLM call")
  }
}
