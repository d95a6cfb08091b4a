import Foundation

/// A value that stands for a number in arithmetic, comparisons and number methods.
public protocol NumericObject: DomainObject {
  /// The number it stands for.
  var number: Double { get }
}

/// A proportion measured on `n` trials, such as an accuracy: it computes and compares as its
/// value and carries its 95% confidence interval, which it prints beside the value.
///
/// A proportion of one sample uses the Wilson score interval; a mean of proportions of
/// several samples (accuracies of several tasks) uses the normal approximation of the mean,
/// each sample's variance taken at its Agresti–Coull estimate so that a sample with every
/// answer right or wrong still contributes width.
public final class Proportion: NumericObject {
  /// The proportion.
  public let value: Double
  /// Trials it was measured on (summed over the samples of a mean).
  public let n: Int
  /// Successes, when it is one sample's.
  public let successes: Int?
  /// The lower end of the 95% interval.
  public let low: Double
  /// The upper end of the 95% interval.
  public let high: Double

  /// The 97.5% quantile of the standard normal distribution.
  static let z = 1.959963984540054

  /// `successes` out of `n`, with its Wilson interval.
  public init(successes: Int, of n: Int) {
    self.n = n
    self.successes = successes
    guard n > 0 else {
      value = 0
      low = 0
      high = 1
      return
    }
    let p = Double(successes) / Double(n)
    value = p
    let z2 = Self.z * Self.z
    let total = Double(n)
    let centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    let half = Self.z / (1 + z2 / total) * (p * (1 - p) / total + z2 / (4 * total * total)).squareRoot()
    low = max(0, centre - half)
    high = min(1, centre + half)
  }

  /// A proportion with every part given, as one was stored (`StoredValue`).
  init(value: Double, n: Int, successes: Int?, low: Double, high: Double) {
    self.value = value
    self.n = n
    self.successes = successes
    self.low = low
    self.high = high
  }

  /// The proportion `accuracy` of `n` trials (`successes` rounded from it).
  public convenience init(accuracy: Double, of n: Int) {
    self.init(successes: Int((accuracy * Double(n)).rounded()), of: n)
  }

  /// The unweighted mean of `samples`, with the interval of that mean.
  public init(meanOf samples: [Proportion]) {
    let k = Double(samples.count)
    n = samples.reduce(0) { $0 + $1.n }
    successes = nil
    guard samples.count > 1 else {
      value = samples.first?.value ?? 0
      low = samples.first?.low ?? 0
      high = samples.first?.high ?? 1
      return
    }
    value = samples.reduce(0) { $0 + $1.value } / k
    let variance =
      samples.reduce(0.0) { sum, sample in
        let trials = Double(sample.n) + Self.z * Self.z
        let adjusted = (Double(sample.successes ?? Int(sample.value * Double(sample.n))) + Self.z * Self.z / 2) / trials
        return sum + adjusted * (1 - adjusted) / trials
      } / (k * k)
    let half = Self.z * variance.squareRoot()
    low = max(0, value - half)
    high = min(1, value + half)
  }

  public var number: Double { value }
  public var typeName: String { "Proportion" }
  public var fieldNames: [String] { ["value", "n", "successes", "low", "high", "interval"] }

  /// `0.625 [0.43, 0.79]`: the value to at most three decimals, then the interval to two.
  public var rendered: String {
    "\(Value.formatToThreeDecimals(value)) [\(Self.twoDecimals(low)), \(Self.twoDecimals(high))]"
  }

  public func field(_ name: String) -> Value? {
    switch name {
    case "value": return .number(value)
    case "n": return .number(Double(n))
    case "successes": return successes.map { .number(Double($0)) } ?? .null
    case "low": return .number(low)
    case "high": return .number(high)
    case "interval": return .list([.number(low), .number(high)])
    default: return nil
    }
  }

  private static func twoDecimals(_ x: Double) -> String { String(format: "%.2f", x) }
}

extension Value {
  /// The number a value stands for: a number, or a numeric object's value.
  var numeric: Double? {
    switch self {
    case .number(let n): return n
    case .object(let object as any NumericObject): return object.number
    default: return nil
    }
  }

  /// A numeric object as the plain number it stands for; any other value as it is.
  var asPlainNumber: Value {
    if case .object(let object as any NumericObject) = self { return .number(object.number) }
    return self
  }
}
