/// A data value as a file keeps it (JSON through `Codable`), so that a value read back prints,
/// compares and tabulates as the one written.
///
/// Numbers, strings, booleans, nil, lists, records (in key order) and proportions (with their
/// n and interval) can be stored; functions, ranges and domain objects (runs, prompts, engines)
/// cannot: store what is wanted of them (`run.test`, `p.value`).
indirect enum StoredValue: Codable, Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case list([StoredValue])
  case record([Entry])
  case proportion(value: Double, n: Int, successes: Int?, low: Double, high: Double)

  /// One key of a record and its value.
  struct Entry: Codable, Equatable, Sendable {
    var key: String
    var value: StoredValue
  }

  /// Why a value cannot be stored.
  struct Unstorable: Error, CustomStringConvertible {
    /// The type that cannot be.
    var typeName: String
    var description: String {
      "a \(typeName) cannot be saved as a result; save numbers, strings, lists, records and accuracies (run.test, not run)"
    }
  }

  /// `value` as stored, or `Unstorable` naming the first part that cannot be.
  init(_ value: Value) throws(Unstorable) {
    switch value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let n): self = .number(n)
    case .string(let s): self = .string(s)
    case .list(let items):
      var stored: [StoredValue] = []
      for item in items { stored.append(try StoredValue(item)) }
      self = .list(stored)
    case .record(let record):
      var entries: [Entry] = []
      for key in record.keys { entries.append(Entry(key: key, value: try StoredValue(record[key] ?? .null))) }
      self = .record(entries)
    case .object(let p as Proportion):
      self = .proportion(value: p.value, n: p.n, successes: p.successes, low: p.low, high: p.high)
    default:
      throw Unstorable(typeName: value.typeName)
    }
  }

  /// The value it stores.
  var value: Value {
    switch self {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let n): return .number(n)
    case .string(let s): return .string(s)
    case .list(let items): return .list(items.map(\.value))
    case .record(let entries): return .record(Record(entries.map { ($0.key, $0.value.value) }))
    case .proportion(let value, let n, let successes, let low, let high):
      return .object(Proportion(value: value, n: n, successes: successes, low: low, high: high))
    }
  }
}
