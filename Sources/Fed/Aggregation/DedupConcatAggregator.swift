/// Joins the client prompts, separated by blank lines, with the answer-format instructions
/// once at the end: `concat` without the K−1 repeated instructions.
///
/// Every client prompt ends with its answer-format instruction, so a plain join repeats it
/// once per client; the copies are removed and the round's instructions appended once.
public struct DedupConcatAggregator: Aggregator {
  /// `concat_dedup`.
  public let name = "concat_dedup"

  /// A de-duplicating concatenating aggregator.
  public init() {}

  /// The prompts without their instructions, joined, then the instructions once.
  public func aggregate(_ prompts: [String], context: AggregationContext) async throws -> String {
    guard !prompts.isEmpty else { throw FedError.nothingToAggregate }
    let bodies = prompts.map(context.removingInstructions).filter { !$0.isEmpty }
    return context.withInstructionsOnce(bodies.joined(separator: "\n\n"))
  }
}
