import Foundation

/// A notebook: a `.ftg` file split into cells at `%%` marker lines.
///
/// Comment lines before the first marker are the preamble; `%% md` starts a prose cell (named
/// `md 1`, `md 2`, ... in order); any other `%% name` starts a code cell. A file with no
/// marker is one code cell.
public struct Notebook: Sendable {
  /// One cell of a notebook.
  public struct Cell: Sendable, Equatable {
    /// Whether a cell holds code, Markdown prose, or the leading comments.
    public enum Kind: String, Sendable { case code, prose, preamble }

    public var kind: Kind
    /// The name after `%%` (`setup`), or `cell N` for an unnamed code cell.
    public var name: String
    /// The cell's lines, without its marker.
    public var source: String
    /// The file line of the cell's first source line (1-based).
    public var firstLine: Int
    /// How many lines the cell spans in the file.
    public var lineCount: Int
  }

  public var path: String
  public var cells: [Cell]
  /// The whole text, for diagnostics and checks.
  public var text: String

  /// Splits `text` into cells.
  public init(path: String, text: String) {
    self.path = path
    self.text = text
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var cells: [Cell] = []
    var current = Cell(kind: .preamble, name: "preamble", source: "", firstLine: 1, lineCount: 0)
    var body: [String] = []
    var codeCount = 0
    var proseCount = 0
    func close() {
      current.source = body.joined(separator: "\n")
      current.lineCount = body.count
      let blank = body.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
      if !(current.kind == .preamble && blank) { cells.append(current) }
    }
    let hasMarkers = lines.contains { $0.hasPrefix("%%") }
    for (i, line) in lines.enumerated() {
      guard line.hasPrefix("%%") else {
        body.append(line)
        continue
      }
      close()
      body = []
      let label = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
      if label == "md" {
        proseCount += 1
        current = Cell(kind: .prose, name: "md \(proseCount)", source: "", firstLine: i + 2, lineCount: 0)
      } else {
        codeCount += 1
        current = Cell(
          kind: .code, name: label.isEmpty ? "cell \(codeCount)" : label, source: "", firstLine: i + 2, lineCount: 0)
      }
    }
    close()
    if !hasMarkers {
      cells = cells.map { cell in
        var whole = cell
        whole.kind = .code
        whole.name = "cell 1"
        return whole
      }
    }
    // A preamble that holds code runs like a cell.
    self.cells = cells.map { cell in
      guard cell.kind == .preamble, Notebook.hasCode(cell.source) else { return cell }
      var code = cell
      code.kind = .code
      return code
    }
  }

  /// True when `text` has a `%%` cell marker line: it is a notebook with a record.
  public static func hasCellMarkers(_ text: String) -> Bool {
    text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasPrefix("%%") }
  }

  /// The code cells, in file order.
  public var codeCells: [Cell] { cells.filter { $0.kind == .code } }

  /// The cells a run executes, in file order: code cells, and prose cells that interpolate
  /// values (`\(run.test)`).
  var runnableCells: [Cell] {
    cells.filter { $0.kind == .code || ($0.kind == .prose && ProseTemplate($0).hasExpressions) }
  }

  /// The file's text with every line outside `cell` blanked, so that line numbers in
  /// diagnostics are the file's own.
  func isolated(_ cell: Cell) -> String {
    String(repeating: "\n", count: cell.firstLine - 1) + cell.source
  }

  private static func hasCode(_ source: String) -> Bool {
    source.split(separator: "\n").contains { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }
  }
}
