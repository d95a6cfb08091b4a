import Foundation

extension Prelude {
  static let math: [String: NativeFunction] = [
    "min": extremum("min", summary: "the smallest of the arguments, or of one list", pick: <),
    "max": extremum("max", summary: "the largest of the arguments, or of one list", pick: >),
    "abs": unary("abs", summary: "the absolute value", example: "abs(-2)   # 2", Swift.abs),
    "sqrt": unary("sqrt", summary: "the square root", example: "sqrt(16)   # 4", Foundation.sqrt),
    "log": unary("log", summary: "the natural logarithm", example: "log(1)   # 0", Foundation.log),
    "exp": unary("exp", summary: "e raised to the power x", example: "exp(0)   # 1", Foundation.exp),
    "pow": NativeFunction(
      signature: "pow(x, y)", summary: "x raised to the power y", example: "pow(2, 10)   # 1024", arity: 2...2
    ) { args, _ in
      return .number(Foundation.pow(try args.number(0, "x"), try args.number(1, "y")))
    },
  ]

  private static func unary(
    _ name: String, summary: String, example: String, _ f: @escaping @Sendable (Double) -> Double
  ) -> NativeFunction {
    NativeFunction(signature: "\(name)(x)", summary: summary, example: example, arity: 1...1) { args, _ in
      return .number(f(try args.number(0, "x")))
    }
  }

  private static func extremum(
    _ name: String, summary: String, pick: @escaping @Sendable (Int, Int) -> Bool
  ) -> NativeFunction {
    NativeFunction(
      signature: "\(name)(values...)", summary: summary, example: "\(name)(3, 1, 2)   # or \(name)([3, 1, 2])",
      arity: 1...Int.max
    ) { args, _ in
      var values = args.positional
      if values.count == 1 { values = try Iteration.elements(of: values[0], at: args.range(at: 0)) }
      var best: Value?
      for value in values {
        if let current = best {
          if pick(try Operators.compare(value, current, op: name, at: args.callRange), 0) { best = value }
        } else {
          best = value
        }
      }
      return best ?? .null
    }
  }
}
