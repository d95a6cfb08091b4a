import TextGrad

/// The built-in aggregators by name, for the language and the shell (`concat`,
/// `concat_dedup`, `summarize`, `uid`; FedTextGrad's `summarization` and `sum_uid` are
/// accepted too).
public enum AggregationMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// `ConcatAggregator`: FedTextGrad's join of whole prompts.
  case concat
  /// `DedupConcatAggregator`: the join with each answer-format instruction once.
  case concatDedup = "concat_dedup"
  /// `LanguageModelAggregator` in the summarize style.
  case summarize
  /// `LanguageModelAggregator` under the Uniform Information Density principle.
  case uid

  /// Parses a method name; `nil` when it names none.
  public init?(name: String) {
    switch name.lowercased() {
    case "concat", "concatenate": self = .concat
    case "concat_dedup", "concat_once": self = .concatDedup
    case "summarize", "summarization", "summary": self = .summarize
    case "uid", "sum_uid", "summarize_uid": self = .uid
    default: return nil
    }
  }

  /// The aggregator; the LLM ones ask `engine` (the server's engine, usually the clients'
  /// backward engine) in the words of `templates`.
  public func aggregator(engine: any LanguageModel, templates: PromptTemplates = .ftg)
    -> any Aggregator
  {
    switch self {
    case .concat: return ConcatAggregator()
    case .concatDedup: return DedupConcatAggregator()
    case .summarize:
      return LanguageModelAggregator(style: .summarize, engine: engine, templates: templates)
    case .uid: return LanguageModelAggregator(style: .uid, engine: engine, templates: templates)
    }
  }
}
