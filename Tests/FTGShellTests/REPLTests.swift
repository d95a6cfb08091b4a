import FTGLang
import FTGTestSupport
import Foundation
import Testing

@testable import FTGShell

/// The REPL loop driven by a scripted reader and session, independent of the real language.
///
/// Covers commands, continuation, echo, errors and Ctrl-C.
@Suite struct REPLTests {
  let session = ScriptedSession()
  let host = RecordingHost()
  /// Machines under load can be slow; these tests are not about the timing line.
  static let noSummary: Duration = .seconds(3600)

  private func run(_ script: [ScriptedLineReader.Keystroke]) async -> ScriptedLineReader {
    let reader = ScriptedLineReader(script)
    let repl = REPL(
      session: session, reader: reader, host: host, style: TerminalStyle(color: false),
      summaryThreshold: Self.noSummary)
    await repl.run()
    return reader
  }

  @Test func continuesAnUnfinishedEntryAndRunsItOnce() async {
    let reader = await run(["fn f() {", "  1", "}", "value 2"])
    #expect(session.evaluated == ["fn f() {\n  1\n}", "value 2"])
    #expect(reader.prompts == ["ftg> ", "...> ", "...> ", "ftg> ", "ftg> "])
    #expect(reader.history == ["fn f() {\n  1\n}", "value 2"])
  }

  @Test func echoesValuesAndNothingForNoValue() async {
    _ = await run(["value 2", "let x = 1"])
    #expect(host.output == Value.number(2).echoed + "\n")
    #expect(host.errors.isEmpty)
  }

  @Test func reportsDiagnosticsOnTheErrorStream() async {
    _ = await run(["fail"])
    #expect(host.errors == "<repl>: error: no such thing\n")
    #expect(host.output.isEmpty)
  }

  @Test func controlCWhileTypingDropsTheWholeEntry() async {
    let reader = await run(["fn f() {", .controlC, "value 3"])
    #expect(session.evaluated == ["value 3"])
    #expect(reader.history == ["value 3"])
  }

  @Test func blankLinesAreNeitherRunNorRemembered() async {
    let reader = await run(["", "   ", "value 1"])
    #expect(session.evaluated == ["value 1"])
    #expect(reader.history == ["value 1"])
  }

  @Test func endOfInputInsideAnEntryRunsWhatWasTyped() async {
    _ = await run(["fn f() {", "1"])
    #expect(session.evaluated == ["fn f() {\n1"])
  }

  @Test func quitStopsReadingAndCommandsNeverContinue() async {
    let reader = await run([":help {", ":quit", "value 1"])
    #expect(session.evaluated.isEmpty)
    #expect(reader.prompts == ["ftg> ", "ftg> "])
  }

  @Test func unknownCommandSuggestsTheClosestOne() async {
    _ = await run([":quti", ":frobnicate"])
    #expect(
      host.errors == """
        unknown command ':quti'; did you mean ':quit'?
        unknown command ':frobnicate'; type :help for the list of commands

        """)
  }

  @Test func helpListsEveryCommand() async {
    _ = await run([":help"])
    for name in ShellCommand.names {
      #expect(host.output.contains(":\(name)"))
    }
  }

  @Test func helpForANameAsksTheSession() async {
    _ = await run([":help round", ":help nothing", ":help :load"])
    #expect(host.output.contains("round(clients, steps:) — one federated round\n"))
    #expect(host.output.contains(":load FILE"))
    #expect(host.errors == "no help for 'nothing'\n")
  }

  @Test func bindingsResetAndHistoryCommands() async {
    _ = await run(["value 1", ":bindings", ":reset", ":history"])
    #expect(host.output.contains("x = 1\nname = \"uid\"\n"))
    #expect(session.resetCount == 1)
    #expect(host.output.contains("1  value 1\n2  :bindings\n3  :reset\n4  :history\n"))
  }

  @Test func loadReportsSuccessAndFailure() async {
    _ = await run([":load ok.ftg", ":load missing.ftg", ":load"])
    #expect(host.output.contains("loaded ok.ftg\n"))
    #expect(host.errors.contains("missing.ftg: error: cannot read 'missing.ftg'\n"))
    #expect(host.errors.contains("expected FILE after ':load'\n"))
  }

  @Test func timeShowsTheWallTimeEvenForQuickEntries() async {
    _ = await run([":time value 4"])
    #expect(session.evaluated == ["value 4"])
    let lines = host.output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3)  // the echoed value, the time, and the final newline
    #expect(lines[0] == Value.number(4).echoed)
    #expect(lines[1].hasSuffix(" ms") || lines[1].hasSuffix(" s"))
  }

  @Test func controlCDuringAnEvaluationCancelsItAndKeepsTheShell() async {
    let reader = ScriptedLineReader(["slow", "value 5"])
    let interrupter = EvaluationInterrupter()
    let repl = REPL(
      session: session, reader: reader, host: host, style: TerminalStyle(color: false),
      interrupter: interrupter, summaryThreshold: Self.noSummary)
    async let finished: Void = repl.run()
    await session.waitUntilSlowEvaluationStarts()
    #expect(interrupter.interrupt() == 1)
    await finished
    #expect(host.errors == "interrupted\n")
    #expect(!host.output.contains("finished anyway"))
    #expect(session.evaluated == ["slow", "value 5"])
  }

  @Test func entriesSlowerThanTheThresholdGetATimingLine() async {
    let reader = ScriptedLineReader(["let x = 1"])
    await REPL(
      session: session, reader: reader, host: host, style: TerminalStyle(color: false),
      summaryThreshold: .zero
    ).run()
    #expect(host.output.hasSuffix(" ms\n") || host.output.hasSuffix(" s\n"))
    #expect(host.output.split(separator: "\n").count == 1)
  }

  @Test func interruptWithNothingRunningDoesNothing() {
    #expect(EvaluationInterrupter().interrupt() == 0)
  }

  @Test func repeatedInterruptsOfOneEvaluationAreCounted() async {
    let interrupter = EvaluationInterrupter()
    let release = Latch<Void>()
    let stubborn = Task {
      // Stuck where cancellation is not checked, like a blocking call, until released.
      await interrupter.run { await release.value() }
    }
    // Yields (never sleeps) until the evaluation has started.
    while interrupter.interrupt() == 0 { await Task.yield() }
    #expect(interrupter.interrupt() == 2)
    release.resolve(())
    #expect(await stubborn.value == nil)
    #expect(interrupter.interrupt() == 0)
  }
}
