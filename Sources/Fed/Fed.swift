import TextGrad

/// Namespace for the federated-learning library built on TextGrad.
///
/// The library follows FedTextGrad: `Partition` gives clients their examples, a `Client`
/// runs local TGD steps with a batch re-check (`Client.localStep`), an `Aggregator` merges
/// client prompts (`ConcatAggregator`, `LanguageModelAggregator` for summarize and uid,
/// `ClosureAggregator`), `FederatedRound` runs one round and `FederatedRun` a whole
/// centralized, homogeneous or heterogeneous experiment with checkpoints, a JSON Lines log
/// and `PromptComplexity` metrics.
public enum FedLibrary {
  /// The library's version, the same as TextGrad's.
  public static let version = TextGradLibrary.version
}
