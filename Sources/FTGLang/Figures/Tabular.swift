/// A domain value that can be shown as rows: a run has a row per round, a table its rows.
///
/// A list of them is shown as one row each, their `summary`.
public protocol Tabular: DomainObject {
  /// The detailed rows (a run: one per round).
  var rows: [Record] { get }
  /// One row that stands for the whole value in a list of them (a run: its settings and results).
  var summary: Record { get }
}

extension Table: Tabular {
  public var summary: Record { Record([("rows", .number(Double(rows.count)))]) }

  public var rows: [Record] {
    rowsAsRecords
  }
}

/// Turning the values `table` and `plot` accept into rows.
enum Rows {
  static func of(_ value: Value, at range: SourceRange) throws -> [Record] {
    switch value {
    case .object(let object as any Tabular):
      return object.rows
    case .list(let items):
      return try items.map { item in
        switch item {
        case .record(let r): return r
        case .object(let o as any Tabular): return o.summary
        default: throw Diagnostic(Messages.notRows(item.typeName), at: range)
        }
      }
    case .record(let r):
      return [r]
    default:
      throw Diagnostic(Messages.notRows(value.typeName), at: range)
    }
  }
}
