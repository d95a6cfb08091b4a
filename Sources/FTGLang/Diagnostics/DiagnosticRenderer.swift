/// Turns a diagnostic into the text people read.
///
/// For example:
///
///     notebooks/demo.ftg:4:18: error: unknown name 'uidd'; did you mean 'uid'?
///       round(cs, steps: 3, aggregate: uidd)
///                                      ^~~~
///
/// Plain for logs, tests and exports; with ANSI colour for terminals.
public struct DiagnosticRenderer: Sendable {
  public var color: Bool

  public init(color: Bool) {
    self.color = color
  }

  /// Renders `diagnostic`, showing its line from `source` (the text of its file) when given.
  public func render(_ diagnostic: Diagnostic, source: String?) -> String {
    let range = diagnostic.range
    let position = "\(range.file):\(range.start.line):\(range.start.column)"
    let severity = paint(diagnostic.severity.rawValue + ":", diagnostic.severity == .error ? "1;31" : "1;35")
    var lines = [paint(position + ":", "1") + " " + severity + " " + paint(diagnostic.message, "1")]
    if let source, let line = Self.line(range.start.line, of: source) {
      let shown = line.replacingTabs()
      let startColumn = range.start.column - 1
      let width: Int
      if range.end.line == range.start.line {
        width = max(1, range.end.column - range.start.column)
      } else {
        width = max(1, shown.count - startColumn)
      }
      let caret = "^" + String(repeating: "~", count: max(0, width - 1))
      lines.append("  " + shown)
      lines.append("  " + String(repeating: " ", count: max(0, startColumn)) + paint(caret, "1;32"))
    }
    lines += diagnostic.notes.map { "  " + paint("note:", "1;36") + " " + $0 }
    return lines.joined(separator: "\n")
  }

  private func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  private static func line(_ number: Int, of source: String) -> String? {
    var current = 1
    for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == number { return String(line) }
      current += 1
    }
    return nil
  }
}

extension String {
  /// Tabs as single spaces, so the caret line lines up with columns counted in characters.
  fileprivate func replacingTabs() -> String {
    String(map { $0 == "\t" ? " " : $0 })
  }
}
