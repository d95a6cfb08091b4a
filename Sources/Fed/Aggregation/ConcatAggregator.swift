/// Joins the client prompts one after another, one per line, each whole: FedTextGrad's
/// `concat`, so every client's answer-format instruction stays in the merged prompt.
public struct ConcatAggregator: Aggregator {
  /// `concat`.
  public let name = "concat"

  /// A concatenating aggregator.
  public init() {}

  /// The prompts, joined with newlines.
  public func aggregate(_ prompts: [String], context: AggregationContext) async throws -> String {
    guard !prompts.isEmpty else { throw FedError.nothingToAggregate }
    return prompts.joined(separator: "\n")
  }
}
