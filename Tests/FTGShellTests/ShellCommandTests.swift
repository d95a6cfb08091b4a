import Testing

@testable import FTGShell

/// Parsing of `:command` lines and the "did you mean" suggestions.
@Suite struct ShellCommandTests {
  @Test(arguments: [
    (":help", ShellCommand.help(nil)),
    (":help round", .help("round")),
    ("  :load  data/run.ftg ", .load("data/run.ftg")),
    (":time accuracy(p, t.val)", .time("accuracy(p, t.val)")),
    (":reset", .reset),
    (":bindings", .bindings),
    (":history", .history),
    (":quit", .quit),
    (":q", .quit),
  ])
  func parses(line: String, command: ShellCommand) {
    #expect(ShellCommand.parse(line) == .success(command))
  }

  @Test(arguments: [
    (":qiut", "unknown command ':qiut'; did you mean ':quit'?"),
    (":bindigns", "unknown command ':bindigns'; did you mean ':bindings'?"),
    (":lod x", "unknown command ':lod'; did you mean ':load'?"),
    (":zzzzzz", "unknown command ':zzzzzz'; type :help for the list of commands"),
    (":load", "expected FILE after ':load'"),
    (":time   ", "expected EXPR after ':time'"),
    (":reset now", "':reset' takes no argument"),
  ])
  func rejects(line: String, message: String) {
    #expect(ShellCommand.parse(line).failureDescription == message)
  }

}

extension Result where Failure == ShellCommandError {
  fileprivate var failureDescription: String? {
    if case .failure(let error) = self { return error.description }
    return nil
  }
}
