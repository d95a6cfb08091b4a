import ArgumentParser
import FTGLang

/// The `ftg` command: the shell, and `ftg run FILE`.
@main
struct FTG: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "ftg")
  func run() async throws {}
}
