/// When a client keeps a TGD update after re-scoring the same batch with the new prompt.
///
/// FedTextGrad's scripts all pass `--proximal_update`, which is `improve`; without that flag
/// the scripts use `noWorse`. Plain TextGrad does not re-score the batch: `always`.
public enum UpdateRule: String, Sendable, Hashable, Codable, CaseIterable {
  /// Keep only a strict improvement of batch accuracy, or a perfect batch afterwards
  /// (FedTextGrad's `--proximal_update`, which every published script passes).
  case improve
  /// Keep unless batch accuracy dropped (FedTextGrad without `--proximal_update`).
  case noWorse = "no_worse"
  /// Always keep (TextGrad, which does not re-score the batch).
  case always

  /// Whether an update that took batch accuracy from `before` to `after` is kept.
  public func keeps(before: Double, after: Double) -> Bool {
    switch self {
    case .improve: return after > before || after == 1
    case .noWorse: return after >= before
    case .always: return true
    }
  }
}
