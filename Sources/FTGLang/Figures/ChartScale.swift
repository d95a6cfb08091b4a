import Foundation

/// Maps data values onto a drawing range, with round tick values ("nice numbers").
struct ChartScale {
  let lower: Double
  let upper: Double
  let ticks: [Double]

  /// A scale covering `values` (and zero for bar charts), with about `count` ticks; when
  /// every value is a whole number (rounds, steps) the ticks are whole numbers too.
  init(values: [Double], includeZero: Bool, count: Int = 5) {
    let integral = !values.isEmpty && values.allSatisfy { $0 == $0.rounded() }
    var low = values.min() ?? 0
    var high = values.max() ?? 1
    if includeZero {
      low = min(low, 0)
      high = max(high, 0)
    }
    if low == high {
      low -= low == 0 ? 0.5 : abs(low) * 0.1
      high += high == 0 ? 0.5 : abs(high) * 0.1
    }
    let raw = ChartScale.niceStep((high - low) / Double(max(1, count)))
    let step = integral ? max(1, raw) : raw
    let first = (low / step).rounded(.down) * step
    let last = (high / step).rounded(.up) * step
    var ticks: [Double] = []
    var t = first
    while t <= last + step / 2, ticks.count < 50 {
      ticks.append(abs(t) < step / 1e6 ? 0 : t)
      t += step
    }
    self.lower = first
    self.upper = max(last, first + step)
    self.ticks = ticks
  }

  /// Position of `value` between `start` and `end` of the drawing range.
  func position(_ value: Double, from start: Double, to end: Double) -> Double {
    start + (value - lower) / (upper - lower) * (end - start)
  }

  /// 1, 2 or 5 times a power of ten, the smallest not below `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let power = pow(10, (log10(raw)).rounded(.down))
    let fraction = raw / power
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    return nice * power
  }

  /// A tick label: as few decimals as the step needs.
  static func label(_ value: Double) -> String {
    Value.format((value * 1e9).rounded() / 1e9)
  }
}
