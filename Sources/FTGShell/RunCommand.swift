import ArgumentParser
import FTGLang
import Foundation

/// `ftg run FILE [--] [ARGS...]`: runs a script; exit status 0 on success, 1 on an error
/// in the script, 2 on bad usage, 3 when a notebook's replay diverged from its record.
///
/// A file with `%%` cell markers is a notebook: its cells replay from `NAME.out/` when they
/// have not changed, and the record is updated for those that ran live.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run an ftg script or notebook.")

  @Flag(help: "Fail on any LLM call a notebook's record cannot answer (for CI and readers without an LLM).")
  var offline = false

  @Flag(help: "Ignore a notebook's record: run every cell live.")
  var fresh = false

  @Option(help: "Run a notebook only up to and including this cell.")
  var only: String?

  @Argument(help: "The script to run (a .ftg file).")
  var file: String

  @Argument(help: "Arguments for the script, available to it as the list `args`.")
  var arguments: [String] = []

  func run() async throws {
    let text: String
    do {
      text = try String(contentsOfFile: file, encoding: .utf8)
    } catch {
      let reason = ScriptFileError(path: file, underlying: error)
      FileHandle.standardError.write(Data("ftg: \(reason)\n".utf8))
      throw ExitCode.usage
    }
    let environment = ProcessInfo.processInfo.environment
    let host = StandardHost()
    let session = Session(host: host, moduleSearchPaths: ModuleSearchPath.paths(environment))
    session.setArguments(arguments)
    let color = TerminalStyle.detect(isTerminal: isatty(STDERR_FILENO) == 1, environment: environment).color
    let isNotebook = Notebook.hasCellMarkers(text) || offline || fresh || only != nil
    guard isNotebook else {
      if case .failure(let diagnostics) = await session.evaluate(text, file: file) {
        for diagnostic in diagnostics { host.writeError(session.render(diagnostic, color: color) + "\n") }
        throw ExitCode.failure
      }
      return
    }
    let options = NotebookRunner.Options(offline: offline, fresh: fresh, only: only)
    let report = await NotebookRunner(session: session, options: options).run(path: file)
    host.writeError(report.summary + "\n")
    for diagnostic in report.errors { host.writeError(session.render(diagnostic, color: color) + "\n") }
    if !report.errors.isEmpty { throw ExitCode.failure }
    if report.diverged { throw ExitCode.divergence }
  }
}

extension ExitCode {
  /// A notebook replay whose outputs differ from the record.
  static let divergence = ExitCode(3)
}

/// A script that could not be read, with the path and the reason.
struct ScriptFileError: Error, CustomStringConvertible {
  let path: String
  let underlying: any Error

  var description: String {
    var isFolder: ObjCBool = false
    if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
      return "cannot read '\(path)': no such file"
    }
    if isFolder.boolValue {
      return "cannot read '\(path)': it is a folder"
    }
    if !FileManager.default.isReadableFile(atPath: path) {
      return "cannot read '\(path)': permission denied"
    }
    return "cannot read '\(path)': not UTF-8 text (\(underlying.localizedDescription))"
  }
}
