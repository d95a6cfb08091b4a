extension Value: Equatable {
  /// Structural equality for data; functions are equal only to themselves.
  public static func == (a: Value, b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.list(let x), .list(let y)): return x == y
    case (.record(let x), .record(let y)):
      return x.keys.count == y.keys.count && x.keys.allSatisfy { x[$0] == y[$0] }
    case (.range(let x), .range(let y)): return x == y
    case (.function(let x), .function(let y)): return x === y
    case (.object(_ as any NumericObject), _), (_, .object(_ as any NumericObject)):
      return a.numeric != nil && a.numeric == b.numeric
    case (.object(let x), .object(let y)): return x === y
    default: return false
    }
  }
}
