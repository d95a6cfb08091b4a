import Foundation
import TextGrad

/// Merges client prompts with a language model: `summarize`, or `uid` (summarize under the
/// Uniform Information Density principle).
///
/// The model is asked to keep the answer-format instruction, and it usually does, in its own
/// place and wording. FedTextGrad then appends the instruction again, so merged prompts carry
/// it twice or more; here every exact copy is removed from the model's text and the round's
/// instructions are appended exactly once at the end (see `AggregationContext`).
public struct LanguageModelAggregator: Aggregator {
  /// The two merge styles.
  public enum Style: String, Sendable, Hashable, Codable {
    /// Keep all information, remove repetition.
    case summarize
    /// As `summarize`, with information spread evenly over the text.
    case uid
  }

  /// The merge style.
  public let style: Style
  /// The server's engine.
  public let engine: any LanguageModel

  /// An aggregator of `style` that asks `engine`.
  public init(style: Style, engine: any LanguageModel) {
    self.style = style
    self.engine = engine
  }

  /// The server's engine, whose usage the run counts.
  public var engines: [any LanguageModel] { [engine] }

  /// `summarize` or `uid`.
  public var name: String { style.rawValue }

  /// The model's merge of `prompts`, with the instructions once at the end.
  ///
  /// A single prompt is still sent to the model, so `uid` can even it out. A reply without
  /// the tags is taken whole.
  public func aggregate(_ prompts: [String], context: AggregationContext) async throws -> String {
    guard !prompts.isEmpty else { throw FedError.nothingToAggregate }
    let request =
      style == .summarize
      ? AggregationPrompts.summarize(prompts)
      : AggregationPrompts.uniformInformationDensity(prompts)
    let reply = try await engine.complete(
      [.system(AggregationPrompts.system), .user(request)], temperature: 0)
    return context.withInstructionsOnce(Self.mergedText(in: reply.text))
  }

  /// The text between the merge tags, or the whole reply when they are missing.
  static func mergedText(in reply: String) -> String {
    guard let open = reply.range(of: AggregationPrompts.openTag),
      let close = reply.range(
        of: AggregationPrompts.closeTag, options: .backwards,
        range: open.upperBound..<reply.endIndex)
    else { return reply }
    return String(reply[open.upperBound..<close.lowerBound])
  }
}
