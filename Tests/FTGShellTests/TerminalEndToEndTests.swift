import FTGTestSupport
import Foundation
import Testing

/// The real `ftg` binary in a real terminal (tmux): prompts, completion, history recall,
/// Ctrl-C, bracketed paste and Ctrl-D, as a user sees them.
@Suite(
  .enabled(if: TerminalScript.isAvailable, "tmux is not installed (apt-get install tmux)"),
  .enabled(if: FTGBinary.path != nil, "the ftg binary is not built"))
struct TerminalEndToEndTests {
  private func run(_ steps: [TerminalScript.Step]) async throws -> TerminalScript.Result {
    let result = try await TerminalScript(steps: [.waitForLastLine("ftg>")] + steps)
      .run(ftg: FTGBinary.path ?? "ftg")
    #expect(result.passed, "\(result.transcript)")
    return result
  }

  @Test func completionRecallControlCPasteAndControlD() async throws {
    let result = try await run([
      .type(":hi"), .key("Tab"), .waitForLastLine("ftg> :history"),
      .key("Enter"), .waitForText("1  :history\nftg>"),
      .type("abc"), .key("C-c"), .waitForText("ftg> abc^C\nftg>"),
      .key("Up"), .waitForLastLine("ftg> :history"), .key("C-u"), .waitForLastLine("ftg>"),
      .paste("first line\nsecond line\n"), .waitForLastLine("second line"),
      .key("Enter"), .type(":history"), .key("Enter"),
      .waitForText("2  first line\n   second line\n3  :history\nftg>"),
      .key("C-d"), .waitForText("[exit 0]"),
    ])
    #expect(result.history.contains("first\\040line\\012second\\040line\n"))
  }

  @Test func unknownCommandAndQuit() async throws {
    _ = try await run([
      .type(":bindigns"), .key("Enter"),
      .waitForText("unknown command ':bindigns'; did you mean ':bindings'?\nftg>"),
      .type(":quit"), .key("Enter"), .waitForText("[exit 0]"),
    ])
  }

  // MARK: - Needs the real language (FTGLang's Session); fails against its placeholder.

  @Test(.tags(.needsRealLanguage))
  func realLanguage_multiLineFunctionCompletionRecallAndInterrupt() async throws {
    _ = try await run([
      .type("fn add(a, b) {"), .key("Enter"), .waitForLastLine("...>"),
      .type("a + b"), .key("Enter"), .type("}"), .key("Enter"), .waitForLastLine("ftg>"),
      .type("add(2, 3)"), .key("Enter"), .waitForText("add(2, 3)\n5\nftg>"),
      .type("ad"), .key("Tab"), .waitForLastLine("ftg> add"),
      .type("(4, 5)"), .key("Enter"), .waitForText("add(4, 5)\n9\nftg>"),
      .key("Up"), .key("Up"), .key("Up"), .waitForText("ftg> fn add(a, b) {\na + b\n}"),
      .key("C-c"), .waitForLastLine("ftg>"),
      // Ctrl-C only once the loop runs: a key pressed while the line editor still owns the
      // terminal is a character, not a signal.
      .type("print(\"looping\"); while true { }"), .key("Enter"), .waitForLastLine("looping"),
      .key("C-c"), .waitForText("interrupted\nftg>"),
      .type("add(1, 1)"), .key("Enter"), .waitForText("add(1, 1)\n2\nftg>"),
      .key("C-d"), .waitForText("[exit 0]"),
    ])
  }

  @Test(.tags(.needsRealLanguage))
  func realLanguage_aRunShowsAStatusLineWhileItGoesAndClearsIt() async throws {
    let llm = try await SimulatedLLM(latencyMilliseconds: 150)
    let command =
      "let r = federate(clients(split(task(\"object_counting\", train: 4, val: 4, test: 2), 2), "
      + "engine: engine(\"simulated\", base: \"\(llm.base)\", cache: false)), rounds: 2, steps: 2, batch: 1, "
      + "checkpoint: false); print(\"done\", r.rounds.count)"
    let result = try await TerminalScript(
      steps: [
        .waitForLastLine("ftg>"), .type(command), .key("Enter"),
        // The status line: where the run is, calls in flight, and after a round the time left.
        .waitForText("in flight"), .waitForText("round 2/2"), .waitForText("left"),
        .waitForText("done 2"), .waitForLastLine("ftg>"), .key("C-d"), .waitForText("[exit 0]"),
      ], environment: ["FTG_DATA_DIR": SimulatedLLM.sharedDataPath]
    )
    .run(ftg: FTGBinary.path ?? "ftg")
    #expect(result.passed, "\(result.transcript)")
    // Gone once the run has ended: the last screen holds no status line.
    #expect(!result.transcript.contains("in flight"), "\(result.transcript)")
  }

  @Test(.tags(.needsRealLanguage))
  func realLanguage_stepThroughARoundOfTwoClients() async throws {
    let llm = try await SimulatedLLM()
    let setup =
      "let e = engine(\"simulated\", base: \"\(llm.base)\", cache: false); "
      + "let cs = clients(split(task(\"object_counting\", train: 2, val: 2, test: 2), 2), engine: e)"
    let result = try await TerminalScript(
      steps: [
        .waitForLastLine("ftg>"), .type(setup), .key("Enter"), .waitForLastLine("ftg>"),
        .type(":step on"), .key("Enter"), .waitForText("stepping: each LLM call stops"),
        .type("let r = round(cs, steps: 1, batch: 1); print(\"round done\")"), .key("Enter"),
        // The first call stops before it is answered: its number, role, model and prompt.
        .waitForText("── call 1 · forward · simulated ──"), .waitForText("asks: "),
        .waitForLastLine("[Enter] answer it · c run to the end · q stop:"),
        .key("Enter"), .waitForText("reply ("), .waitForText("── call 2 · "),
        .type("c"), .key("Enter"), .waitForText("round done"), .waitForLastLine("ftg>"),
        // The next entry stops at its first call again; q ends it and keeps the bindings.
        .type("let again = round(cs, steps: 1, batch: 1)"), .key("Enter"), .waitForText("── call 1 · "),
        .type("q"), .key("Enter"), .waitForText("interrupted"), .waitForLastLine("ftg>"),
        .type(":step off"), .key("Enter"), .waitForText("stepping off"),
        .type("r.clients.count"), .key("Enter"), .waitForText("\n2\n"),
        .key("C-d"), .waitForText("[exit 0]"),
      ], environment: ["FTG_DATA_DIR": SimulatedLLM.sharedDataPath]
    )
    .run(ftg: FTGBinary.path ?? "ftg")
    #expect(result.passed, "\(result.transcript)")
  }
}
