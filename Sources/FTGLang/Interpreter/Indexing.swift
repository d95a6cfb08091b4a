/// `xs[i]`, `xs[-1]`, `xs[0..<10]`, `s[i]`, `r["key"]`, and assignment through them.
enum Indexing {
  static func get(_ object: Value, _ index: Value, at range: SourceRange) throws -> Value {
    switch (object, index) {
    case (.list(let items), .range(let r)):
      return .list(Array(items[bounds(r, count: items.count, at: range)]))
    case (.list(let items), _):
      return items[try position(index, count: items.count, at: range)]
    case (.string(let s), .range(let r)):
      let chars = Array(s)
      return .string(String(chars[bounds(r, count: chars.count, at: range)]))
    case (.string(let s), _):
      let chars = Array(s)
      return .string(String(chars[try position(index, count: chars.count, at: range)]))
    case (.range, _), (.object(_ as any ListLike), _):
      return try get(.list(try Iteration.elements(of: object, at: range)), index, at: range)
    case (.record(let record), .string(let key)):
      guard let value = record[key] else {
        throw Diagnostic(
          Messages.withSuggestion(Messages.keyNotFound(key), for: key, among: record.keys), at: range)
      }
      return value
    default:
      throw Diagnostic(Messages.cannotIndex(object.typeName), at: range)
    }
  }

  static func set(_ object: Value, _ index: Value, to value: Value, at range: SourceRange) throws -> Value {
    switch (object, index) {
    case (.list(var items), .number):
      items[try position(index, count: items.count, at: range)] = value
      return .list(items)
    case (.record(var record), .string(let key)):
      record[key] = value
      return .record(record)
    default:
      throw Diagnostic(Messages.cannotIndex(object.typeName), at: range)
    }
  }

  /// A valid element position; negative indices count from the end.
  private static func position(_ index: Value, count: Int, at range: SourceRange) throws -> Int {
    let i = try Arguments.integer(index, name: "index", at: range)
    let resolved = i < 0 ? count + i : i
    guard resolved >= 0, resolved < count else {
      throw Diagnostic(Messages.indexOutOfRange(i, count: count), at: range)
    }
    return resolved
  }

  /// A slice's bounds, clamped to the collection as Python slices are.
  private static func bounds(_ r: RangeValue, count: Int, at range: SourceRange) -> Range<Int> {
    let lower = r.lower < 0 ? count + r.lower : r.lower
    let last = r.upper < 0 ? count + r.upper : r.upper
    let upper = r.inclusive ? last + 1 : last
    let clampedLower = min(max(0, lower), count)
    return clampedLower..<max(clampedLower, min(max(0, upper), count))
  }
}
