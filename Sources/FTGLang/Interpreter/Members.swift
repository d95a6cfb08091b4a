/// Member access: properties (`xs.count`, `r.keys`), record fields (`r.acc`), and methods
/// bound to their receiver (`xs.map`).
enum Members {
  /// A method of a built-in type, documented for `help`.
  struct Method: Sendable {
    var signature: String
    var summary: String
    var example: String
    var labels: [String] = []
    var body: @Sendable (Value, Arguments, Interpreter) async throws -> Value
  }

  /// Names that are read without `()`.
  static let properties: Set<String> = ["count", "isEmpty", "first", "last", "keys", "values"]

  static func member(_ name: String, of object: Value, at range: SourceRange) throws -> Value {
    if let value = try property(name, of: object, at: range) { return value }
    if let method = methods(of: object)[name] { return bind(method, name: name, to: object) }
    let candidates = names(of: object)
    throw Diagnostic(
      Messages.withSuggestion(
        Messages.noMember(name, type: object.typeName), for: name, among: candidates),
      at: range)
  }

  /// Every member name a value answers to, for completion and suggestions.
  static func names(of object: Value) -> [String] {
    var names = methods(of: object).keys.sorted()
    switch object {
    case .list, .range, .string: names += ["count", "isEmpty", "first", "last"]
    case .record(let record): names += record.keys + ["count", "isEmpty", "keys", "values"]
    case .object(let object):
      names += object.fieldNames + ["fields"]
      if object is any ListLike { names += ["count", "isEmpty", "first", "last"] }
    default: break
    }
    return names.sorted()
  }

  static func methods(of object: Value) -> [String: Method] {
    switch object {
    case .list, .range, .object(_ as any ListLike): return ListMethods.table
    case .string: return StringMethods.table
    case .record: return RecordMethods.table
    case .number, .object(_ as any NumericObject): return NumberMethods.table
    default: return [:]
    }
  }

  private static func property(_ name: String, of object: Value, at range: SourceRange) throws -> Value? {
    switch object {
    case .record(let record):
      if let field = record[name] { return field }
      switch name {
      case "count": return .number(Double(record.keys.count))
      case "isEmpty": return .bool(record.keys.isEmpty)
      case "keys": return .list(record.keys.map { .string($0) })
      case "values": return .list(record.values)
      default: return nil
      }
    case .list, .range, .string:
      guard ["count", "isEmpty", "first", "last"].contains(name) else { return nil }
      let items = try Iteration.elements(of: object, at: range)
      switch name {
      case "count": return .number(Double(items.count))
      case "isEmpty": return .bool(items.isEmpty)
      case "first": return items.first ?? .null
      default: return items.last ?? .null
      }
    case .object(let object):
      if name == "fields" { return .list(object.fieldNames.map { .string($0) }) }
      if let field = object.field(name) { return field }
      guard object is any ListLike, ["count", "isEmpty", "first", "last"].contains(name) else { return nil }
      return try property(name, of: .list(try Iteration.elements(of: .object(object), at: range)), at: range)
    default:
      return nil
    }
  }

  private static func bind(_ method: Method, name: String, to receiver: Value) -> Value {
    let native = NativeFunction(
      signature: method.signature, summary: method.summary, example: method.example,
      labels: method.labels
    ) { arguments, interpreter in
      try await method.body(receiver, arguments, interpreter)
    }
    return .function(Function(name: name, body: .native(native)))
  }
}
