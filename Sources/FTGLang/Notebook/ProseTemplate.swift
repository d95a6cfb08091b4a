/// A prose cell split into its text and the `\(expression)` spans interpolated into it.
///
/// `\(` opens an expression that runs to its matching `)` (parentheses inside string
/// literals do not count); `\\(` is a literal `\(`. Every other character, backslashes
/// included, is the author's Markdown, kept as written.
struct ProseTemplate: Sendable, Equatable {
  /// A piece of the prose.
  enum Part: Sendable, Equatable {
    /// The author's text.
    case text(String)
    /// An expression's source and where it starts in the file (1-based line and column).
    case expression(String, line: Int, column: Int)
  }

  let parts: [Part]

  /// The template of `cell`, whose first line is line `cell.firstLine` of the file.
  init(_ cell: Notebook.Cell) {
    parts = Self.split(Array(cell.source), firstLine: cell.firstLine)
  }

  /// Whether the prose interpolates anything (only such cells are run and recorded).
  var hasExpressions: Bool {
    parts.contains { if case .expression = $0 { true } else { false } }
  }

  /// The expressions, in order.
  var expressions: [(source: String, line: Int, column: Int)] {
    parts.compactMap { part in
      if case .expression(let source, let line, let column) = part { return (source, line, column) }
      return nil
    }
  }

  /// The prose with the expressions replaced by `values` (in order), each passed through
  /// `escape` first: the values stay text whatever they contain.
  func rendered(values: [String], escape: (String) -> String = { $0 }) -> String {
    var next = values.makeIterator()
    return parts.map { part in
      switch part {
      case .text(let text): return text
      case .expression: return escape(next.next() ?? "")
      }
    }.joined()
  }

  /// The file's text blanked except for one expression, at its own line and column, so the
  /// parser's diagnostics point into the notebook.
  static func isolated(_ source: String, line: Int, column: Int) -> String {
    String(repeating: "\n", count: line - 1) + String(repeating: " ", count: column - 1) + source
  }

  private static func split(_ characters: [Character], firstLine: Int) -> [Part] {
    var parts: [Part] = []
    var text = ""
    var line = firstLine
    var column = 1
    var index = 0
    func advance(_ count: Int) {
      for character in characters[index..<min(characters.count, index + count)] {
        if character == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      }
      index += count
    }
    while index < characters.count {
      let character = characters[index]
      if character == "\\", index + 2 < characters.count, characters[index + 1] == "\\",
        characters[index + 2] == "("
      {
        text += "\\("
        advance(3)
      } else if character == "\\", index + 1 < characters.count, characters[index + 1] == "(",
        let close = matchingParenthesis(characters, from: index + 2)
      {
        if !text.isEmpty { parts.append(.text(text)) }
        text = ""
        advance(2)
        let startLine = line
        let startColumn = column
        parts.append(.expression(String(characters[index..<close]), line: startLine, column: startColumn))
        advance(close - index + 1)
      } else {
        text.append(character)
        advance(1)
      }
    }
    if !text.isEmpty { parts.append(.text(text)) }
    return parts
  }

  /// The index of the `)` that closes a span starting at `start`, or nil when none does.
  private static func matchingParenthesis(_ characters: [Character], from start: Int) -> Int? {
    var depth = 0
    var inString = false
    var index = start
    while index < characters.count {
      let character = characters[index]
      if inString {
        if character == "\\" {
          index += 1
        } else if character == "\"" {
          inString = false
        }
      } else if character == "\"" {
        inString = true
      } else if character == "(" {
        depth += 1
      } else if character == ")" {
        if depth == 0 { return index }
        depth -= 1
      }
      index += 1
    }
    return nil
  }
}
