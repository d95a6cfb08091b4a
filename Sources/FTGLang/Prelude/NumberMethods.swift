import Foundation

/// Methods of numbers. (`round` is the federated round, so rounding is `x.rounded(2)`.)
enum NumberMethods {
  typealias Method = Members.Method

  static let table: [String: Method] = [
    "rounded": Method(
      signature: "rounded(digits: 0)", summary: "the number rounded to digits decimal places",
      example: "0.83333.rounded(2)   # 0.83"
    ) { receiver, args, _ in
      try args.expect(count: 0...1)
      let digits = args.count == 1 ? try args.integer(0, "digits") : 0
      let scale = pow(10, Double(min(max(digits, -15), 15)))
      return .number((number(receiver) * scale).rounded() / scale)
    },
    "abs": Method(signature: "abs()", summary: "the absolute value", example: "(-2).abs()   # 2") { receiver, args, _ in
      try args.expect(count: 0...0)
      return .number(Swift.abs(number(receiver)))
    },
    "floor": Method(signature: "floor()", summary: "the largest integer not above", example: "2.7.floor()   # 2") {
      receiver, args, _ in
      try args.expect(count: 0...0)
      return .number(number(receiver).rounded(.down))
    },
    "ceil": Method(signature: "ceil()", summary: "the smallest integer not below", example: "2.1.ceil()   # 3") {
      receiver, args, _ in
      try args.expect(count: 0...0)
      return .number(number(receiver).rounded(.up))
    },
  ]

  private static func number(_ value: Value) -> Double {
    value.numeric ?? .nan
  }
}
