import TextGrad

/// The built-in aggregators by name, for the language and the shell (`concat`, `summarize`,
/// `uid`; FedTextGrad's `summarization` and `sum_uid` are accepted too).
public enum AggregationMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// `ConcatAggregator`.
  case concat
  /// `LanguageModelAggregator` in the summarize style.
  case summarize
  /// `LanguageModelAggregator` under the Uniform Information Density principle.
  case uid

  /// Parses a method name; `nil` when it names none.
  public init?(name: String) {
    switch name.lowercased() {
    case "concat", "concatenate": self = .concat
    case "summarize", "summarization", "summary": self = .summarize
    case "uid", "sum_uid", "summarize_uid": self = .uid
    default: return nil
    }
  }

  /// The aggregator; the LLM ones ask `engine` (the server's engine, usually the clients'
  /// backward engine).
  public func aggregator(engine: any LanguageModel) -> any Aggregator {
    switch self {
    case .concat: return ConcatAggregator()
    case .summarize: return LanguageModelAggregator(style: .summarize, engine: engine)
    case .uid: return LanguageModelAggregator(style: .uid, engine: engine)
    }
  }
}
