/// An aggregator made from a Swift closure, such as a wrapped ftg function.
///
/// The closure's result is used as it is: whoever writes it decides about the answer-format
/// instruction (`AggregationContext.withInstructionsOnce` is there to help).
public struct ClosureAggregator: Aggregator {
  /// The name shown in logs and records.
  public let name: String
  private let body: @Sendable ([String]) async throws -> String

  /// An aggregator called `name` that merges prompts with `body`.
  public init(name: String = "custom", body: @escaping @Sendable ([String]) async throws -> String) {
    self.name = name
    self.body = body
  }

  /// The closure's result for `prompts`.
  public func aggregate(_ prompts: [String], context: AggregationContext) async throws -> String {
    guard !prompts.isEmpty else { throw FedError.nothingToAggregate }
    return try await body(prompts)
  }
}
