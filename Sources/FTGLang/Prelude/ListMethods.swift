/// Methods of lists (and of ranges, which act as the list of their numbers).
enum ListMethods {
  typealias Method = Members.Method

  static let table: [String: Method] = [
    "map": Method(
      signature: "map(f)", summary: "a list of f applied to each element",
      example: "[1, 2, 3].map { x in x * 2 }   # [2, 4, 6]"
    ) { receiver, args, interpreter in
      let (items, f) = try itemsAndFunction(receiver, args)
      var out: [Value] = []
      out.reserveCapacity(items.count)
      for item in items { out.append(try await interpreter.call(f, [item], at: args.callRange)) }
      return .list(out)
    },
    "filter": Method(
      signature: "filter(f)", summary: "the elements for which f returns true",
      example: "[1, 2, 3, 4].filter { x in x % 2 == 0 }   # [2, 4]"
    ) { receiver, args, interpreter in
      let (items, f) = try itemsAndFunction(receiver, args)
      var out: [Value] = []
      for item in items where try await predicate(f, item, args, interpreter) { out.append(item) }
      return .list(out)
    },
    "reduce": Method(
      signature: "reduce(initial, f)", summary: "folds the list into one value with f(accumulator, element)",
      example: "[1, 2, 3].reduce(0) { a, b in a + b }   # 6"
    ) { receiver, args, interpreter in
      try args.expect(count: 2...2)
      let items = try Iteration.elements(of: receiver, at: args.callRange)
      let f = try args.function(1, "f")
      var accumulator = args.positional[0]
      for item in items {
        accumulator = try await interpreter.call(f, [accumulator, item], at: args.callRange)
      }
      return accumulator
    },
    "sorted": Method(
      signature: "sorted(f?)",
      summary: "the list in ascending order; f is a key (one parameter) or an ordering (two parameters)",
      example: "runs.sorted { r in r.acc }   # or xs.sorted { a, b in a > b }"
    ) { receiver, args, interpreter in
      try args.expect(count: 0...1)
      let items = try Iteration.elements(of: receiver, at: args.callRange)
      let f = args.count == 1 ? try args.function(0, "f") : nil
      return .list(try await Sorting.sorted(items, by: f, at: args.callRange, interpreter))
    },
    "reversed": Method(
      signature: "reversed()", summary: "the elements in reverse order", example: "[1, 2, 3].reversed()   # [3, 2, 1]"
    ) { receiver, args, _ in
      try args.expect(count: 0...0)
      return .list(try Iteration.elements(of: receiver, at: args.callRange).reversed())
    },
    "join": Method(
      signature: "join(separator: \"\")", summary: "the elements as text, separated by separator",
      example: "[\"a\", \"b\"].join(\", \")   # \"a, b\""
    ) { receiver, args, _ in
      try args.expect(count: 0...1)
      let separator = args.count == 1 ? try args.string(0, "separator") : ""
      let items = try Iteration.elements(of: receiver, at: args.callRange)
      return .string(items.map(\.rendered).joined(separator: separator))
    },
    "contains": Method(
      signature: "contains(x)", summary: "true when an element equals x", example: "[1, 2].contains(2)   # true"
    ) { receiver, args, _ in
      try args.expect(count: 1...1)
      return .bool(try Iteration.elements(of: receiver, at: args.callRange).contains(args.positional[0]))
    },
    "indexOf": Method(
      signature: "indexOf(x)", summary: "the position of the first element equal to x, or nil",
      example: "[\"a\", \"b\"].indexOf(\"b\")   # 1"
    ) { receiver, args, _ in
      try args.expect(count: 1...1)
      let items = try Iteration.elements(of: receiver, at: args.callRange)
      return items.firstIndex(of: args.positional[0]).map { .number(Double($0)) } ?? .null
    },
    "any": Method(
      signature: "any(f)", summary: "true when f is true for some element",
      example: "[1, 5].any { x in x > 3 }   # true"
    ) { receiver, args, interpreter in
      let (items, f) = try itemsAndFunction(receiver, args)
      for item in items where try await predicate(f, item, args, interpreter) { return .bool(true) }
      return .bool(false)
    },
    "all": Method(
      signature: "all(f)", summary: "true when f is true for every element",
      example: "[1, 5].all { x in x > 3 }   # false"
    ) { receiver, args, interpreter in
      let (items, f) = try itemsAndFunction(receiver, args)
      for item in items where !(try await predicate(f, item, args, interpreter)) { return .bool(false) }
      return .bool(true)
    },
    "sum": Method(
      signature: "sum()", summary: "the sum of the numbers", example: "[1, 2, 3].sum()   # 6"
    ) { receiver, args, _ in
      try args.expect(count: 0...0)
      return .number(try numbers(receiver, args).reduce(0, +))
    },
    "mean": Method(
      signature: "mean()", summary: "the average of the numbers (nil for an empty list)",
      example: "[1, 2, 3, 4].mean()   # 2.5"
    ) { receiver, args, _ in
      try args.expect(count: 0...0)
      let xs = try numbers(receiver, args)
      return xs.isEmpty ? .null : .number(xs.reduce(0, +) / Double(xs.count))
    },
    "min": Method(
      signature: "min()", summary: "the smallest element (nil for an empty list)", example: "[3, 1, 2].min()   # 1"
    ) { receiver, args, interpreter in
      try args.expect(count: 0...0)
      let items = try Iteration.elements(of: receiver, at: args.callRange)
      return try await Sorting.sorted(items, by: nil, at: args.callRange, interpreter).first ?? .null
    },
    "max": Method(
      signature: "max()", summary: "the largest element (nil for an empty list)", example: "[3, 1, 2].max()   # 3"
    ) { receiver, args, interpreter in
      try args.expect(count: 0...0)
      let items = try Iteration.elements(of: receiver, at: args.callRange)
      return try await Sorting.sorted(items, by: nil, at: args.callRange, interpreter).last ?? .null
    },
    "enumerated": Method(
      signature: "enumerated()", summary: "[index, element] pairs",
      example: "for pair in [\"a\", \"b\"].enumerated() { print(pair[0], pair[1]) }"
    ) { receiver, args, _ in
      try args.expect(count: 0...0)
      let items = try Iteration.elements(of: receiver, at: args.callRange)
      return .list(items.enumerated().map { .list([.number(Double($0.offset)), $0.element]) })
    },
  ]

  private static func itemsAndFunction(_ receiver: Value, _ args: Arguments) throws -> ([Value], Function) {
    try args.expect(count: 1...1)
    return (try Iteration.elements(of: receiver, at: args.callRange), try args.function(0, "f"))
  }

  private static func predicate(
    _ f: Function, _ item: Value, _ args: Arguments, _ interpreter: Interpreter
  ) async throws -> Bool {
    let result = try await interpreter.call(f, [item], at: args.callRange)
    guard case .bool(let b) = result else {
      throw Diagnostic(Messages.notBool("from the function", got: result.described), at: args.range(at: 0))
    }
    return b
  }

  private static func numbers(_ receiver: Value, _ args: Arguments) throws -> [Double] {
    try Iteration.elements(of: receiver, at: args.callRange).map { value in
      guard let n = value.numeric else {
        throw Diagnostic(
          Messages.argumentType("element", expected: "a Number", got: value.described), at: args.callRange)
      }
      return n
    }
  }
}
