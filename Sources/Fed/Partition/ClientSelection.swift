import TextGrad

/// Which clients take part in a round: all, a fraction, or a fixed number.
public enum ClientSelection: Sendable, Hashable, Codable {
  /// Every client, every round.
  case all
  /// This fraction of the clients (rounded up, at least one), drawn anew each round.
  case fraction(Double)
  /// This many clients (at most all of them), drawn anew each round.
  case count(Int)

  /// Checks that the fraction or count makes sense.
  public func validate() throws {
    switch self {
    case .all: return
    case .fraction(let value):
      guard value.isFinite, value > 0, value <= 1 else { throw FedError.invalidFraction(value) }
    case .count(let value):
      guard value >= 1 else { throw FedError.invalidClientCount(value) }
    }
  }

  /// The indices of the clients taking part in `round`, in increasing order.
  ///
  /// The draw uses a `PythonRandom` seeded from `seed` and `round`, so a round's selection
  /// is the same whether a run went straight through or was resumed.
  public func select(from clientCount: Int, round: Int, seed: Int) throws -> [Int] {
    try validate()
    let wanted: Int
    switch self {
    case .all: return Array(0..<clientCount)
    case .fraction(let value):
      wanted = max(1, Int((value * Double(clientCount)).rounded(.up)))
    case .count(let value): wanted = min(value, clientCount)
    }
    if wanted >= clientCount { return Array(0..<clientCount) }
    var generator = PythonRandom(seed: SeedMixer.seed(seed, 1, round))
    return try generator.sample(Array(0..<clientCount), count: wanted).sorted()
  }
}
