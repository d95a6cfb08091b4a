/// One process's share of a sweep split across many (`ftg run FILE --shard 3/16`).
///
/// The share runs the configurations at positions 3, 19, 35 and so on (counting from 1), so a
/// scheduler's array job runs a sweep with no coordinator.
public struct SweepShard: Sendable, Hashable, CustomStringConvertible {
  /// This share's number, from 1.
  public let index: Int
  /// How many shares there are.
  public let count: Int

  /// Share `index` of `count`; nil unless 1 ≤ index ≤ count.
  public init?(index: Int, count: Int) {
    guard count >= 1, (1...count).contains(index) else { return nil }
    self.index = index
    self.count = count
  }

  /// Reads `i/k` (`3/16`); nil for anything else.
  public init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
    self.init(index: index, count: count)
  }

  /// `3/16`.
  public var description: String { "\(index)/\(count)" }

  /// Whether the configuration at `position` (from 0) of a sweep is this share's.
  public func owns(_ position: Int) -> Bool { position % count == index - 1 }

  /// The position in the whole sweep of this share's `k`-th configuration (from 0).
  public func position(ofShareItem k: Int) -> Int { index - 1 + k * count }
}
