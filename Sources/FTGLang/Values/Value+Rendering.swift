extension Value {
  /// The form `print` writes: strings bare, numbers as `3` or `0.75`, strings inside
  /// collections quoted.
  public var rendered: String {
    if case .string(let s) = self { return s }
    return echoed
  }

  /// The form the shell echoes: like `rendered`, but a string is quoted.
  public var echoed: String { echoed(depth: 0) }

  /// Collections nested deeper than this print as `[...]` and `{...}`.
  static let renderDepth = 64

  private func echoed(depth: Int) -> String {
    switch self {
    case .null: return "nil"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return Value.format(n)
    case .string(let s): return Value.quote(s)
    case .list(let items):
      guard depth < Value.renderDepth else { return "[...]" }
      return "[" + items.map { $0.echoed(depth: depth + 1) }.joined(separator: ", ") + "]"
    case .record(let record):
      guard depth < Value.renderDepth else { return "{...}" }
      let entries = record.keys.map { key in
        "\(Value.isPlainKey(key) ? key : Value.quote(key)): \(record[key]?.echoed(depth: depth + 1) ?? "nil")"
      }
      return "{" + entries.joined(separator: ", ") + "}"
    case .range(let r): return "\(r.lower)\(r.inclusive ? "..." : "..<")\(r.upper)"
    case .function(let f): return f.displayName
    case .object(let o): return o.rendered
    }
  }

  /// Integers print without a decimal point; other numbers in their shortest exact form.
  static func format(_ n: Double) -> String {
    if n.isFinite, n == n.rounded(), abs(n) < 1e15 {
      return String(Int(n))
    }
    if n.isNaN { return "nan" }
    if n.isInfinite { return n < 0 ? "-inf" : "inf" }
    return "\(n)"
  }

  /// `n` rounded to at most three decimals (`0.333`), as tables and accuracies show numbers.
  static func formatToThreeDecimals(_ n: Double) -> String {
    format((n * 1000).rounded() / 1000)
  }

  /// A string literal that reads back as the same string.
  static func quote(_ s: String) -> String {
    var out = "\""
    for c in s {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default: out.append(c)
      }
    }
    return out + "\""
  }

  private static func isPlainKey(_ key: String) -> Bool {
    guard let first = key.first, first.isLetter || first == "_" else { return false }
    return key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && Keyword(rawValue: key) == nil
  }
}
