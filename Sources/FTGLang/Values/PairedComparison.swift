import Foundation

/// Two proportions measured on the same trials, compared pair by pair: how many trials only
/// the first got right, how many only the second, and the exact two-sided McNemar p-value of
/// that split (the binomial test of the discordant pairs at one half).
struct PairedComparison {
  /// Trials the first got right and the second wrong.
  let firstOnly: Int
  /// Trials the second got right and the first wrong.
  let secondOnly: Int
  /// Trials in all.
  let n: Int

  /// The comparison of two outcome lists of equal length.
  init(_ first: [Bool], _ second: [Bool]) {
    n = min(first.count, second.count)
    firstOnly = zip(first, second).filter { $0 && !$1 }.count
    secondOnly = zip(first, second).filter { !$0 && $1 }.count
  }

  /// The exact McNemar p-value: twice the smaller binomial tail of the discordant pairs, at
  /// most 1; 1 when there are none.
  var p: Double {
    let discordant = firstOnly + secondOnly
    guard discordant > 0 else { return 1 }
    let smaller = min(firstOnly, secondOnly)
    let tail = (0...smaller).reduce(0.0) { sum, k in sum + Self.binomial(discordant, k) }
    return min(1, 2 * tail)
  }

  /// P(X = k) for X ~ Binomial(n, 1/2), through log-gamma so large n does not overflow.
  static func binomial(_ n: Int, _ k: Int) -> Double {
    let logChoose = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    return exp(logChoose - Double(n) * log(2))
  }

  /// What the comparison supports at the 5% level, in words.
  func verdict(first: String, second: String) -> String {
    let pText = String(format: "%.3g", p)
    guard p < 0.05 else { return "not distinguishable at n = \(n) (McNemar p = \(pText))" }
    let better = firstOnly > secondOnly ? first : second
    return "\(better) is better at n = \(n) (McNemar p = \(pText))"
  }
}
