/// Keeps the single client prompt as it is: the "aggregation" of a centralized run.
///
/// With several prompts it keeps the first, so it only makes sense with one client.
public struct PassThroughAggregator: Aggregator {
  /// `none`.
  public let name = "none"

  /// A pass-through aggregator.
  public init() {}

  /// The first prompt, unchanged.
  public func aggregate(_ prompts: [String], context: AggregationContext) async throws -> String {
    guard let first = prompts.first else { throw FedError.nothingToAggregate }
    return first
  }
}
