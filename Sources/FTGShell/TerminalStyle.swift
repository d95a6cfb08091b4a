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
