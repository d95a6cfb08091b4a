import FTGLang

/// ANSI colour for the shell's prompt, errors, echoed values and summaries; plain text when
/// colour is off (output is not a terminal, or `NO_COLOR` is set).
struct TerminalStyle: Sendable {
  /// Whether escape sequences are written at all.
  let color: Bool

  /// Colour only when `isTerminal` and the `NO_COLOR` variable is unset or empty.
  static func detect(isTerminal: Bool, environment: [String: String]) -> TerminalStyle {
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    return TerminalStyle(color: isTerminal && !noColor)
  }

  /// The primary or continuation prompt.
  ///
  /// Escapes are wrapped in `promptIgnore` characters, which libedit leaves out of the
  /// prompt's width.
  func prompt(_ text: String) -> String {
    guard color else { return text }
    let trimmed = text.trimmingTrailingSpaces
    let spaces = String(repeating: " ", count: text.count - trimmed.count)
    let ignore = Self.promptIgnore
    return "\(ignore)\u{1B}[1;36m\(ignore)\(trimmed)\(ignore)\u{1B}[0m\(ignore)\(spaces)"
  }

  /// An echoed value.
  func value(_ text: String) -> String { paint(text, "32") }
  /// A message about something that went wrong.
  func error(_ text: String) -> String { paint(text, "1;31") }
  /// A quiet line such as the timing summary.
  func dim(_ text: String) -> String { paint(text, "2") }

  /// `text` with each `ProvenanceLine` (a merged prompt's sentence and its source, from
  /// `show(run)`) coloured by its source: a colour per client, the merge's own in bold.
  func sourced(_ text: String) -> String {
    guard color, text.contains(" │ ") else { return text }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      switch ProvenanceLine.source(of: line) {
      case .client(let index): return paint(String(line), Self.clientColors[index % Self.clientColors.count])
      case .merge: return paint(String(line), "1")
      case nil: return String(line)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Blue, magenta, yellow, cyan, green and red, in turn.
  static let clientColors = ["34", "35", "33", "36", "32", "31"]

  /// The character that brackets zero-width escapes in a libedit prompt.
  static let promptIgnore = Character(Unicode.Scalar(1))

  private func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var text = Substring(self)
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}
