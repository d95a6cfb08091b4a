import TextGrad

/// The batches a client trains on, drawn as TextGrad's shuffled `DataLoader` draws them.
///
/// In every epoch (a federated round, or a centralized epoch) the client's examples are
/// shuffled, seeded by the run's seed, the epoch and the client, and handed out `size` at a
/// time in that order, without replacement; the last batch of a pass may be smaller. When a
/// pass runs out before the epoch's steps do, a new shuffle begins, as FedTextGrad's
/// heterogeneous loop starts its loader again. Batches are positions into the client's
/// examples.
public struct EpochBatches: Sendable, Hashable {
  /// How many examples the client has.
  public let count: Int
  /// Examples per batch.
  public let size: Int
  /// The run's seed.
  public let seed: Int
  /// The client whose examples these are (clients shuffle independently).
  public let client: Int

  /// Batches of `size` over `count` examples.
  public init(count: Int, size: Int, seed: Int, client: Int) {
    self.count = count
    self.size = max(1, size)
    self.seed = seed
    self.client = client
  }

  /// Batches in one pass over the examples.
  public var batchesPerPass: Int { count == 0 ? 0 : (count + size - 1) / size }

  /// The positions of the examples of step `step` (from 0) of epoch `epoch`.
  public func batch(epoch: Int, step: Int) -> [Int] {
    guard batchesPerPass > 0 else { return [] }
    let pass = step / batchesPerPass
    let within = step % batchesPerPass
    let order = shuffled(epoch: epoch, pass: pass)
    let start = within * size
    return Array(order[start..<min(count, start + size)])
  }

  private func shuffled(epoch: Int, pass: Int) -> [Int] {
    var order = Array(0..<count)
    var generator = PythonRandom(seed: SeedMixer.seed(seed, 5, epoch, client, pass))
    generator.shuffle(&order)
    return order
  }
}
