import ArgumentParser
import FTGLang
import Foundation

/// `ftg run FILE [--] [ARGS...]`: runs a script; exit status 0 on success, 1 on an error
/// in the script, 2 on bad usage.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run an ftg script.")

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
    let outcome = await session.evaluate(text, file: file)
    if case .failure(let diagnostics) = outcome {
      let color = TerminalStyle.detect(
        isTerminal: isatty(STDERR_FILENO) == 1, environment: environment
      ).color
      for diagnostic in diagnostics {
        host.writeError(session.render(diagnostic, color: color) + "\n")
      }
      throw ExitCode.failure
    }
  }
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
