import Foundation

/// Rows of values under named columns: what `table(...)` returns, printed aligned.
public final class Table: DomainObject {
  public let columns: [String]
  public let cells: [[Value]]

  public init(columns: [String], cells: [[Value]]) {
    self.columns = columns
    self.cells = cells
  }

  /// A table of records: the columns are every key, in first-seen order.
  public convenience init(records: [Record], columns wanted: [String]? = nil) {
    var columns: [String] = []
    for record in records {
      for key in record.keys where !columns.contains(key) { columns.append(key) }
    }
    let chosen = wanted ?? columns
    self.init(columns: chosen, cells: records.map { r in chosen.map { r[$0] ?? .null } })
  }

  public var typeName: String { "Table" }
  public var fieldNames: [String] { ["columns", "rows", "count"] }

  public func field(_ name: String) -> Value? {
    switch name {
    case "columns": return .list(columns.map { .string($0) })
    case "rows": return .list(rowsAsRecords.map(Value.record))
    case "count": return .number(Double(cells.count))
    default: return nil
    }
  }

  /// The table as aligned text, numbers right-aligned, long cells shortened.
  public var rendered: String {
    let texts = cells.map { row in row.map(Table.cell) }
    let widths = columns.indices.map { i in
      ([columns[i].count] + texts.map { $0[i].count }).max() ?? 0
    }
    func line(_ values: [String], numeric: [Bool]) -> String {
      values.indices.map { i in
        let pad = String(repeating: " ", count: widths[i] - values[i].count)
        return numeric[i] ? pad + values[i] : values[i] + pad
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    let numeric = columns.indices.map { i in
      !cells.isEmpty
        && cells.allSatisfy { row in
          if case .number = row[i] { return true }
          return row[i] == .null
        }
    }
    var lines = [line(columns, numeric: numeric)]
    lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    lines += texts.map { line($0, numeric: numeric) }
    return lines.joined(separator: "\n")
  }

  /// The table as GitHub-flavoured Markdown, for exports.
  public var markdown: String {
    let header = "| " + columns.joined(separator: " | ") + " |"
    let rule = "| " + columns.map { _ in "---" }.joined(separator: " | ") + " |"
    let body = cells.map { row in
      "| " + row.map { Table.cell($0).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }
    return ([header, rule] + body).joined(separator: "\n")
  }

  /// The rows as records keyed by column.
  var rowsAsRecords: [Record] { cells.map { Record(Array(zip(columns, $0))) } }

  /// A cell's text on one line: numbers to at most three decimals (`0.333`, not
  /// `0.3333333333333333`; `print` shows them whole), `-` for no value, text over 60
  /// characters shortened.
  static func cell(_ value: Value) -> String {
    if case .number(let n) = value, n.isFinite {
      return Value.formatToThreeDecimals(n)
    }
    if value == .null { return "-" }
    let text = value.rendered.replacingOccurrences(of: "\n", with: " ")
    return text.count > 60 ? String(text.prefix(57)) + "..." : text
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
