/// Joins the client prompts one after another, separated by blank lines.
///
/// Every client prompt ends with the answer-format instruction, so a plain join would repeat
/// it once per client; the copies are removed and the instructions appended once at the end.
public struct ConcatAggregator: Aggregator {
  /// `concat`.
  public let name = "concat"

  /// A concatenating aggregator.
  public init() {}

  /// The prompts without their instructions, joined, then the instructions once.
  public func aggregate(_ prompts: [String], context: AggregationContext) async throws -> String {
    guard !prompts.isEmpty else { throw FedError.nothingToAggregate }
    let bodies = prompts.map(context.removingInstructions).filter { !$0.isEmpty }
    return context.withInstructionsOnce(bodies.joined(separator: "\n\n"))
  }
}
