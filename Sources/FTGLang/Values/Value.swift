/// A value of the ftg language.
public enum Value: Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case list([Value])
  case record(Record)
  case range(RangeValue)
  case function(Function)
  case object(any DomainObject)

  /// The name of the value's type, as messages and `type(x)` say it.
  public var typeName: String {
    switch self {
    case .null: return "nil"
    case .bool: return "Bool"
    case .number: return "Number"
    case .string: return "String"
    case .list: return "List"
    case .record: return "Record"
    case .range: return "Range"
    case .function: return "Function"
    case .object(let o): return o.typeName
    }
  }

  /// `Number 3`, `String "a"`: a value named in an error message, kept short.
  var described: String {
    let text = echoed
    let short = text.count > 40 ? String(text.prefix(37)) + "..." : text
    switch self {
    case .null: return "nil"
    case .function, .object: return short
    default: return "\(typeName) \(short)"
    }
  }
}

/// An ordered record: keys keep the order they were first given in.
public struct Record: Sendable {
  public private(set) var keys: [String] = []
  private var storage: [String: Value] = [:]

  public init() {}

  public init(_ pairs: [(String, Value)]) {
    for (key, value) in pairs { self[key] = value }
  }

  public subscript(key: String) -> Value? {
    get { storage[key] }
    set {
      if let newValue {
        if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
      } else if storage.removeValue(forKey: key) != nil {
        keys.removeAll { $0 == key }
      }
    }
  }

  /// The values in key order.
  public var values: [Value] { keys.compactMap { storage[$0] } }
}

/// An integer range, `0..<n` or `1...5`, iterated lazily.
public struct RangeValue: Sendable, Equatable {
  public var lower: Int
  public var upper: Int
  public var inclusive: Bool

  /// The exclusive upper bound.
  public var end: Int { inclusive ? (upper == Int.max ? upper : upper + 1) : upper }
  public var count: Int { Swift.max(0, end - lower) }
}
