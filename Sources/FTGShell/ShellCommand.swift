import FTGSupport
import Foundation

/// A `:command` typed at the `ftg>` prompt.
enum ShellCommand: Equatable, Sendable {
  case help(String?)
  case load(String)
  case reset
  case bindings
  case history
  case time(String)
  case cost
  case dry(String)
  case explain
  case step(Bool)
  case quit

  /// One line of the `:help` listing for each command, in the order they are listed.
  static let catalog: [(name: String, usage: String, summary: String)] = [
    ("help", ":help [name]", "list the commands, or show help for a name"),
    ("load", ":load FILE", "run a file; its bindings stay in the session"),
    ("reset", ":reset", "forget every binding"),
    ("bindings", ":bindings", "list your bindings and their values"),
    ("history", ":history", "list the entries typed so far"),
    ("time", ":time EXPR", "evaluate EXPR and show how long it took"),
    ("cost", ":cost", "each engine's calls, tokens, cache hits, retries and failures this session"),
    ("dry", ":dry EXPR", "the calls and tokens EXPR would take, without calling any model"),
    ("explain", ":explain", "the LLM calls the last entry made, one numbered line each"),
    ("step", ":step on|off", "stop at every LLM call: its prompt, then its reply (Enter, c or q)"),
    ("quit", ":quit", "leave the shell (Ctrl-D does too)"),
  ]

  /// The names of all commands, without the colon.
  static var names: [String] { catalog.map(\.name) }

  /// Parses a line that starts with `:`.
  static func parse(_ line: String) -> Result<ShellCommand, ShellCommandError> {
    let body = line.drop { $0 == " " }.dropFirst()
    let name = String(body.prefix { !$0.isWhitespace })
    let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
    switch name {
    case "help": return .success(.help(argument.isEmpty ? nil : argument))
    case "load": return required(argument, for: name, named: "FILE").map(ShellCommand.load)
    case "time": return required(argument, for: name, named: "EXPR").map(ShellCommand.time)
    case "reset": return noArgument(argument, for: name, .reset)
    case "bindings": return noArgument(argument, for: name, .bindings)
    case "history": return noArgument(argument, for: name, .history)
    case "cost": return noArgument(argument, for: name, .cost)
    case "dry": return required(argument, for: name, named: "EXPR").map(ShellCommand.dry)
    case "explain": return noArgument(argument, for: name, .explain)
    case "step":
      switch argument {
      case "on": return .success(.step(true))
      case "off": return .success(.step(false))
      default: return .failure(.missingArgument(command: name, placeholder: "on|off"))
      }
    case "quit", "q", "exit": return noArgument(argument, for: name, .quit)
    default:
      let suggestion = NameSuggestion.closest(to: name, among: names)
      return .failure(.unknown(name, suggestion: suggestion))
    }
  }

  private static func required(
    _ argument: String, for command: String, named placeholder: String
  ) -> Result<String, ShellCommandError> {
    argument.isEmpty
      ? .failure(.missingArgument(command: command, placeholder: placeholder))
      : .success(argument)
  }

  private static func noArgument(
    _ argument: String, for command: String, _ result: ShellCommand
  ) -> Result<ShellCommand, ShellCommandError> {
    argument.isEmpty ? .success(result) : .failure(.unexpectedArgument(command: command))
  }
}

/// Why a `:command` line could not be understood.
enum ShellCommandError: Error, Equatable, CustomStringConvertible {
  case unknown(String, suggestion: String?)
  case missingArgument(command: String, placeholder: String)
  case unexpectedArgument(command: String)

  var description: String {
    switch self {
    case .unknown(let name, let suggestion?):
      "unknown command ':\(name)'; did you mean ':\(suggestion)'?"
    case .unknown(let name, nil):
      "unknown command ':\(name)'; type :help for the list of commands"
    case .missingArgument(let command, let placeholder):
      "expected \(placeholder) after ':\(command)'"
    case .unexpectedArgument(let command):
      "':\(command)' takes no argument"
    }
  }
}
