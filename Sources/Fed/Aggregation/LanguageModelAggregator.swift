import Foundation
import TextGrad

/// Merges client prompts with a language model: `summarize` (keep all information), or `uid`
/// (the same under the Uniform Information Density principle), in the words of the
/// `aggregate.summarize` and `aggregate.uid` templates, which differ by that one sentence.
///
/// The model is asked to keep the answer-format instruction, and it usually does, in its own
/// place and wording. FedTextGrad then appends a numeric-answer instruction again, so merged
/// prompts carry it twice or more, and carry it even for word sorting; here every exact copy
/// of the round's instructions is removed from the model's text and each is appended once at
/// the end (see `AggregationContext`). The call counts under `CallRole.merge`.
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
  /// The texts of the merge request.
  public let templates: PromptTemplates

  /// The tag that opens the merged prompt in the model's reply.
  public static let openTag = "<MERGED_PROMPT>"
  /// The tag that closes the merged prompt in the model's reply.
  public static let closeTag = "</MERGED_PROMPT>"

  /// An aggregator of `style` that asks `engine` in the words of `templates`.
  public init(style: Style, engine: any LanguageModel, templates: PromptTemplates = .ftg) {
    self.style = style
    self.engine = engine
    self.templates = templates
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
    let request = Self.request(prompts, style: style, templates: templates)
    let reply = try await CallRole.during(.merge) {
      try await engine.complete(
        [.system(templates[.aggregateSystem]), .user(request)], temperature: 0)
    }
    return context.withInstructionsOnce(Self.mergedText(in: reply.text))
  }

  /// The merge request for `prompts`: each numbered between `<PROMPT_n>` tags.
  public static func request(_ prompts: [String], style: Style, templates: PromptTemplates)
    -> String
  {
    let numbered = prompts.enumerated().map { index, prompt in
      "<PROMPT_\(index + 1)>\(prompt)</PROMPT_\(index + 1)>"
    }.joined(separator: "\n")
    return templates.render(
      style == .summarize ? .aggregateSummarize : .aggregateUID,
      ["prompts": numbered, "open": openTag, "close": closeTag])
  }

  /// The text between the merge tags, or the whole reply when they are missing.
  static func mergedText(in reply: String) -> String {
    guard let open = reply.range(of: openTag),
      let close = reply.range(
        of: closeTag, options: .backwards,
        range: open.upperBound..<reply.endIndex)
    else { return reply }
    return String(reply[open.upperBound..<close.lowerBound])
  }
}
