/// Methods of records (fields and `keys`, `values`, `count` are properties).
enum RecordMethods {
  typealias Method = Members.Method

  static let table: [String: Method] = [
    "has": Method(
      signature: "has(key)", summary: "true when the record has the key", example: "{acc: 0.8}.has(\"acc\")   # true"
    ) { receiver, args, _ in
      try args.expect(count: 1...1)
      return .bool(record(receiver)[try args.string(0, "key")] != nil)
    },
    "get": Method(
      signature: "get(key, default?)", summary: "the value at key, or default (nil) when absent",
      example: "r.get(\"loss\", 0)"
    ) { receiver, args, _ in
      try args.expect(count: 1...2)
      return record(receiver)[try args.string(0, "key")] ?? (args.count == 2 ? args.positional[1] : .null)
    },
    "with": Method(
      signature: "with(key, value)", summary: "a copy of the record with key set to value",
      example: "{a: 1}.with(\"b\", 2)   # {a: 1, b: 2}"
    ) { receiver, args, _ in
      try args.expect(count: 2...2)
      var copy = record(receiver)
      copy[try args.string(0, "key")] = args.positional[1]
      return .record(copy)
    },
    "without": Method(
      signature: "without(key)", summary: "a copy of the record without key",
      example: "{a: 1, b: 2}.without(\"a\")   # {b: 2}"
    ) { receiver, args, _ in
      try args.expect(count: 1...1)
      var copy = record(receiver)
      copy[try args.string(0, "key")] = nil
      return .record(copy)
    },
  ]

  private static func record(_ value: Value) -> Record {
    if case .record(let r) = value { return r }
    return Record()
  }
}
