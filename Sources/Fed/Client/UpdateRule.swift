/// When a client keeps a TGD update after re-scoring the same batch with the new prompt.
public enum UpdateRule: String, Sendable, Hashable, Codable, CaseIterable {
  /// Keep unless batch accuracy dropped (FedTextGrad's default).
  case revertOnDrop
  /// Keep only a strict improvement or a perfect batch (FedTextGrad's `--proximal_update`).
  case proximal
  /// Always keep (plain TextGrad, which does not re-score the batch).
  case always

  /// Whether an update that took batch accuracy from `before` to `after` is kept.
  public func keeps(before: Double, after: Double) -> Bool {
    switch self {
    case .revertOnDrop: return after >= before
    case .proximal: return after > before || after == 1
    case .always: return true
    }
  }
}
