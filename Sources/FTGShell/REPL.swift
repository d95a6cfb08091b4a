import FTGLang

/// The interactive loop of `ftg`: read an entry (continuing while it is unfinished), run it
/// as a `:command` or as ftg code, then echo its value or report its errors.
final class REPL {
  /// What the loop does after an entry.
  enum Next { case keepGoing, quit }

  static let prompt = "ftg> "
  static let continuationPrompt = "...> "

  let session: any LanguageSession
  let reader: any LineReader
  let host: any ShellHost
  let style: TerminalStyle
  let interrupter: EvaluationInterrupter
  /// Entries that take longer get a timing line.
  let summaryThreshold: Duration
  private let clock = ContinuousClock()

  /// Creates a loop over `session`, reading from `reader` and writing through `host`.
  init(
    session: any LanguageSession, reader: any LineReader, host: any ShellHost,
    style: TerminalStyle, interrupter: EvaluationInterrupter = EvaluationInterrupter(),
    summaryThreshold: Duration = EntrySummary.threshold
  ) {
    self.summaryThreshold = summaryThreshold
    self.session = session
    self.reader = reader
    self.host = host
    self.style = style
    self.interrupter = interrupter
  }

  /// Runs entries until `:quit` or the end of input.
  func run() async {
    while true {
      let entry: String?
      do {
        entry = try readEntry()
      } catch {
        continue  // Ctrl-C while typing: the entry is dropped, bindings are untouched.
      }
      guard let entry else { return }
      guard !entry.allSatisfy(\.isWhitespace) else { continue }
      reader.addHistory(entry)
      if await handle(entry) == .quit { return }
    }
  }

  /// Reads one entry, or nil at the end of input.
  ///
  /// A first line, then continuation lines while the session says the text is unfinished;
  /// a `:command` is always one line.
  func readEntry() throws(LineInterrupted) -> String? {
    guard var entry = try reader.readLine(prompt: style.prompt(Self.prompt)) else {
      return nil
    }
    if Self.isCommand(entry) { return entry }
    while session.isIncomplete(entry) {
      guard let line = try reader.readLine(prompt: style.prompt(Self.continuationPrompt))
      else { break }  // End of input inside an entry: run it and let the session complain.
      entry += "\n" + line
    }
    return entry
  }

  /// Runs an entry as a command or as code.
  func handle(_ entry: String) async -> Next {
    if Self.isCommand(entry) {
      return await runCommand(entry)
    }
    await evaluate(entry, alwaysShowTime: false)
    return .keepGoing
  }

  /// Evaluates code in a cancellable task, then shows the outcome and, when the entry
  /// took a while (or `alwaysShowTime`), a summary line.
  func evaluate(_ text: String, alwaysShowTime: Bool) async {
    let start = clock.now
    let usageBefore = session.llmUsage
    session.beginEntry()
    let outcome = await interrupter.run { [session] in
      await session.evaluate(text, file: "<repl>")
    }
    let summary = EntrySummary(elapsed: clock.now - start, details: session.llmUsage.since(usageBefore))
    guard let outcome else {
      host.writeError(style.error("interrupted") + "\n")
      return
    }
    show(outcome)
    if alwaysShowTime || summary.isWorthShowing(threshold: summaryThreshold) {
      host.write(style.dim(summary.text) + "\n")
    }
  }

  /// Echoes a value (nothing for no value or nil) or reports the diagnostics.
  func show(_ outcome: Session.Outcome) {
    switch outcome {
    case .value(let value?):
      if case .null = value { return }
      host.write(style.value(value.echoed) + "\n")
    case .value(nil):
      return
    case .failure(let diagnostics):
      report(diagnostics)
    }
  }

  /// Writes each diagnostic as the session renders it, on the error stream.
  func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
      let text = session.render(diagnostic, color: style.color)
      host.writeError(text.hasSuffix("\n") ? text : text + "\n")
    }
  }

  /// Whether a line is a `:command` rather than code.
  static func isCommand(_ line: String) -> Bool {
    line.drop { $0 == " " }.first == ":"
  }
}
