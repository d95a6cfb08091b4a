import ArgumentParser
import FTGLang
import Foundation

/// The `ftg` command: with no arguments the interactive shell (or, when standard input is
/// not a terminal, the program read from it); `ftg run FILE` runs a script.
@main
struct FTG: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ftg",
    abstract: "Federated textual-gradient experiments: an interactive shell and a script runner.",
    usage: """
      ftg                  (the shell, or the program on standard input)
      ftg run <file> [--offline] [--fresh] [--only <cell>] [--set <name=value> ...] [--engine <name>]
                     [--dry] [--yes] [--rerender] [--shard <i/k>] [--step] [--] [<arguments> ...]
      ftg export <notebook> [--to md|html] [-o <file>]
      ftg merge-results [<folder>]
      """,
    discussion: """
      With no arguments, ftg starts the interactive shell on a terminal, or runs the program \
      read from standard input when it is not a terminal.
      """,
    version: FTGVersion.current,
    subcommands: [RunCommand.self, ExportCommand.self, MergeResultsCommand.self])

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    if isatty(STDIN_FILENO) == 1 {
      await InteractiveShell(environment: environment).run()
    } else {
      let succeeded = await StandardInputProgram(environment: environment).run()
      if !succeeded { throw ExitCode.failure }
    }
  }

  /// Parses the command line and runs it; usage errors exit with status 2 (not
  /// ArgumentParser's 64), like most Unix tools.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitCode.usage.rawValue)
      }
      exit(withError: error)
    }
  }
}

extension ExitCode {
  /// Bad usage: an unknown option, a missing argument, a file that cannot be read.
  static let usage = ExitCode(2)
}
