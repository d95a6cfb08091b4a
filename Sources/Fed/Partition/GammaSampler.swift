import Foundation
import TextGrad

/// Draws Gamma and Dirichlet variates from a `PythonRandom`, so partitions are reproducible.
///
/// Gamma(shape, 1) uses Marsaglia and Tsang's squeeze method; shapes below 1 use the boost
/// Gamma(shape) = Gamma(shape + 1) * U^(1 / shape). Normal variates come from Box-Muller.
struct GammaSampler {
  /// The generator every draw consumes.
  var generator: PythonRandom

  /// One Gamma(shape, 1) variate; `shape` must be positive.
  mutating func gamma(shape: Double) -> Double {
    if shape < 1 {
      let boosted = gamma(shape: shape + 1)
      return boosted * pow(uniformOpen(), 1 / shape)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = normal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniformOpen()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// Proportions drawn from a symmetric Dirichlet(concentration) over `count` parts.
  mutating func dirichlet(concentration: Double, count: Int) -> [Double] {
    let draws = (0..<count).map { _ in gamma(shape: concentration) }
    let total = draws.reduce(0, +)
    guard total > 0 else { return Array(repeating: 1 / Double(count), count: count) }
    return draws.map { $0 / total }
  }

  private mutating func normal() -> Double {
    let radius = (-2 * log(uniformOpen())).squareRoot()
    return radius * cos(2 * Double.pi * generator.random())
  }

  /// A uniform draw in (0, 1), never exactly 0, so logarithms stay finite.
  private mutating func uniformOpen() -> Double {
    1 - generator.random()
  }
}
