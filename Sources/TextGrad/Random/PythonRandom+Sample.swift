import Foundation

/// The error `PythonRandom.sample` throws when the sample cannot be drawn.
public struct SampleSizeError: Error, Equatable, CustomStringConvertible {
  /// The number of elements asked for.
  public let requested: Int
  /// The number of elements available.
  public let available: Int

  /// A message naming both sizes.
  public var description: String {
    "cannot sample \(requested) elements from a population of \(available)"
  }
}

extension PythonRandom {
  /// Returns `count` distinct elements in selection order, exactly as `random.sample` does.
  ///
  /// CPython picks one of two methods by population size: a shrinking pool for small
  /// populations, rejection of already-chosen indices for large ones. Both are reproduced,
  /// since they consume the generator differently.
  public mutating func sample<Element>(_ population: [Element], count: Int) throws -> [Element] {
    let size = population.count
    guard (0...size).contains(count) else {
      throw SampleSizeError(requested: count, available: size)
    }
    var result: [Element] = []
    result.reserveCapacity(count)
    if size <= Self.poolThreshold(forSampleCount: count) {
      var pool = population
      for drawn in 0..<count {
        let picked = randbelow(size - drawn)
        result.append(pool[picked])
        pool[picked] = pool[size - drawn - 1]
      }
    } else {
      var selected = Set<Int>()
      for _ in 0..<count {
        var picked = randbelow(size)
        while selected.contains(picked) { picked = randbelow(size) }
        selected.insert(picked)
        result.append(population[picked])
      }
    }
    return result
  }

  /// CPython's `setsize`: below it a copied list is cheaper than a set of chosen indices.
  private static func poolThreshold(forSampleCount count: Int) -> Int {
    var threshold = 21
    if count > 5 {
      let exponent = Int((log(Double(count * 3)) / log(4.0)).rounded(.up))
      threshold += 1 << (2 * exponent)
    }
    return threshold
  }
}
