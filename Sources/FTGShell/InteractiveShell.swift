import FTGLang
import Foundation

/// The shell on a terminal: a session, libedit (or plain lines if libedit cannot start),
/// colour when stdout is a terminal, and Ctrl-C routed to the running evaluation.
struct InteractiveShell {
  let environment: [String: String]

  /// Runs the REPL until `:quit` or Ctrl-D.
  func run() async {
    let host = StandardHost()
    let session = Session(host: host, moduleSearchPaths: ModuleSearchPath.paths(environment))
    let style = TerminalStyle.detect(
      isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
    let completer = ShellCompleter(session: session)
    let reader: any LineReader =
      EditLineReader(historyFile: HistoryFile.resolve(environment: environment)) {
        completer.complete(line: $0, cursor: $1)
      } ?? PlainLineReader(showsPrompt: true)
    let interrupter = EvaluationInterrupter()
    let signal = InterruptSignal(interrupter: interrupter, host: host)
    host.write("ftg \(FTGVersion.current) — :help lists the commands, Ctrl-D leaves\n")
    let repl = REPL(
      session: session, reader: reader, host: host, style: style, interrupter: interrupter)
    await repl.run()
    withExtendedLifetime(signal) {}
  }
}

/// A program piped into `ftg` (standard input is not a terminal): read it all, run it
/// without prompts or echo, report errors on stderr.
struct StandardInputProgram {
  let environment: [String: String]

  /// Runs the program; false when it failed.
  func run() async -> Bool {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    let host = StandardHost()
    let session = Session(host: host, moduleSearchPaths: ModuleSearchPath.paths(environment))
    let outcome = await session.evaluate(String(decoding: data, as: UTF8.self), file: "<stdin>")
    guard case .failure(let diagnostics) = outcome else { return true }
    let color = TerminalStyle.detect(
      isTerminal: isatty(STDERR_FILENO) == 1, environment: environment
    ).color
    for diagnostic in diagnostics {
      host.writeError(session.render(diagnostic, color: color) + "\n")
    }
    return false
  }
}
