/// Iteration over the values a `for` loop and the collection methods accept: lists,
/// ranges (lazily), records (their keys) and strings (their characters).
enum Iteration {
  /// A lazy iterator over the elements of a sequence value.
  struct Iterator {
    private var list: [Value] = []
    private var listIndex = 0
    private var range: RangeValue?
    private var nextNumber = 0

    init(list: [Value]) { self.list = list }

    init(range: RangeValue) {
      self.range = range
      self.nextNumber = range.lower
    }

    mutating func next() -> Value? {
      if let range {
        guard nextNumber < range.end else { return nil }
        defer { nextNumber += 1 }
        return .number(Double(nextNumber))
      }
      guard listIndex < list.count else { return nil }
      defer { listIndex += 1 }
      return list[listIndex]
    }
  }

  static func iterator(over value: Value, at range: SourceRange) throws -> Iterator {
    switch value {
    case .range(let r): return Iterator(range: r)
    default: return Iterator(list: try elements(of: value, at: range))
    }
  }

  /// All elements as a list; ranges are materialized, up to `Limits.collectionSize`.
  static func elements(of value: Value, at range: SourceRange) throws -> [Value] {
    switch value {
    case .list(let items): return items
    case .range(let r):
      guard r.count <= Limits.collectionSize else { throw Diagnostic(Messages.tooBig("the range"), at: range) }
      return (r.lower..<r.end).map { .number(Double($0)) }
    case .record(let record): return record.keys.map { .string($0) }
    case .string(let s): return s.map { .string(String($0)) }
    case .object(let list as any ListLike): return list.elements
    default: throw Diagnostic(Messages.notIterable(value.typeName), at: range)
    }
  }
}
