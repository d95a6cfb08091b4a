import FTGLang

// MARK: - Shell commands

extension REPL {
  /// Parses and performs a `:command` line.
  func runCommand(_ line: String) async -> Next {
    switch ShellCommand.parse(line) {
    case .failure(let error):
      host.writeError(style.error(error.description) + "\n")
      return .keepGoing
    case .success(let command):
      return await perform(command)
    }
  }

  /// Performs one command.
  func perform(_ command: ShellCommand) async -> Next {
    switch command {
    case .help(nil): say(Self.commandList)
    case .help(let name?): showHelp(for: name)
    case .load(let path): await load(path)
    case .reset:
      session.reset()
      say("all bindings forgotten")
    case .bindings: listBindings()
    case .history: listHistory()
    case .time(let code): await evaluate(code, alwaysShowTime: true)
    case .cost: say(session.costTable ?? "no LLM calls yet")
    case .dry(let code): await evaluate("estimate() { " + code + " }", alwaysShowTime: false)
    case .explain: say(session.explanation)
    case .step(let on):
      session.step(with: on ? TerminalStepper(host: host, style: style) : nil)
      say(
        on
          ? "stepping: each LLM call stops before it is answered (Enter: answer it, c: run the rest, q: stop)"
          : "stepping off")
    case .quit: return .quit
    }
    return .keepGoing
  }

  /// The text `:help` prints: every command, then how to get help on a name.
  static var commandList: String {
    let width = ShellCommand.catalog.map(\.usage.count).max() ?? 0
    let lines = ShellCommand.catalog.map { entry in
      "  " + entry.usage.padding(to: width) + "  " + entry.summary
    }
    return
      (["commands:"] + lines + [
        "type :help NAME for help on a function, value or keyword (e.g. :help round)",
        "Ctrl-C cancels the line or the running evaluation; Ctrl-D leaves",
      ]).joined(separator: "\n")
  }

  private func showHelp(for name: String) {
    let commandName = name.hasPrefix(":") ? String(name.dropFirst()) : name
    if let text = session.help(name) {
      say(text)
    } else if let entry = ShellCommand.catalog.first(where: { $0.name == commandName }) {
      say("\(entry.usage)  \(entry.summary)")
    } else {
      host.writeError(style.error("no help for '\(name)'") + "\n")
    }
  }

  private func load(_ path: String) async {
    let outcome = await interrupter.run { [session] in await session.load(path: path) }
    switch outcome {
    case nil: host.writeError(style.error("interrupted") + "\n")
    case .failure(let diagnostics): report(diagnostics)
    case .value: say("loaded \(path)")
    }
  }

  private func listBindings() {
    let bindings = session.bindings
    guard !bindings.isEmpty else { return say("no bindings yet") }
    say(bindings.map { "\($0.name) = \($0.value)" }.joined(separator: "\n"))
  }

  private func listHistory() {
    let entries = reader.historyEntries()
    guard !entries.isEmpty else { return say("no history yet") }
    let width = String(entries.count).count
    let lines = entries.enumerated().map { index, entry in
      let number = String(index + 1).padding(toLeft: width)
      let indent = String(repeating: " ", count: width + 2)
      return number + "  "
        + entry.split(separator: "\n", omittingEmptySubsequences: false)
        .joined(separator: "\n" + indent)
    }
    say(lines.joined(separator: "\n"))
  }

  private func say(_ text: String) {
    host.write(text + "\n")
  }
}

extension String {
  fileprivate func padding(to width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - count))
  }

  fileprivate func padding(toLeft width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }
}
