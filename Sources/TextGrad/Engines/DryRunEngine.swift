import Foundation

/// An engine that answers at once, without a model, with a short well-formed reply for each
/// kind of request, and counts what it is asked: a dry run's calls and prompt sizes.
///
/// A dry run follows the same code as a real one, so its calls are the real run's, up to the
/// replies: an optimizer is answered with the variable unchanged between its tags, a judge
/// with a verdict, a merge with its first prompt between the merge tags, anything else with
/// `Answer: 0`. Replies that miss their tags would cost one reminder each; `Tally.ceiling`
/// counts that possibility for the judge and optimizer calls.
public final class DryRunEngine: LanguageModel, @unchecked Sendable {
  /// What a dry run asked.
  public struct Tally: Sendable, Hashable {
    /// Calls made.
    public var calls = 0
    /// Prompt tokens, estimated at four characters a token.
    public var promptTokens = 0
    /// The most completion tokens the calls may cost: the sum of their `max_tokens` (or
    /// `defaultMaxTokens` where a request sets none).
    public var completionTokensCeiling = 0
    /// Calls that a reply missing its tags would repeat once (judge and optimizer calls).
    public var reminderable = 0
    /// The most dollars the calls may cost, at the prices of their engines (`ModelPrice.current`
    /// while each call is made): prompts at a third of their characters as tokens, every
    /// completion at its `max_tokens`.
    public var usdCeiling = 0.0
    /// Calls whose engine has no price.
    public var unpriced = 0
    /// Calls whose request a cache or a record already answers (as far as a dry run can tell:
    /// its replies differ from a model's, so only requests made before any reply counts match).
    public var alreadyAnswered = 0

    /// Nothing asked.
    public init() {}

    /// A tally of the given counts.
    public init(calls: Int, promptTokens: Int, completionTokensCeiling: Int, reminderable: Int) {
      self.calls = calls
      self.promptTokens = promptTokens
      self.completionTokensCeiling = completionTokensCeiling
      self.reminderable = reminderable
    }

    /// The most calls the run can make: every judge and optimizer call reminded once.
    public var ceiling: Int { calls + reminderable }

    /// What `lhs` counts beyond `rhs`.
    public static func - (lhs: Tally, rhs: Tally) -> Tally {
      Tally(
        calls: lhs.calls - rhs.calls, promptTokens: lhs.promptTokens - rhs.promptTokens,
        completionTokensCeiling: lhs.completionTokensCeiling - rhs.completionTokensCeiling,
        reminderable: lhs.reminderable - rhs.reminderable)
    }
  }

  /// The model name reported to callers.
  public let model: String
  /// The answer length assumed for requests that set no `max_tokens`.
  public let defaultMaxTokens: Int
  private let lock = NSLock()
  private var counted = Tally()
  private let meter = UsageMeter()

  /// A dry-run engine for `model`.
  public init(model: String = "dry-run", defaultMaxTokens: Int = 2000) {
    self.model = model
    self.defaultMaxTokens = defaultMaxTokens
  }

  /// Counts a request that a cache or a record already answers.
  public func noteAlreadyAnswered() {
    lock.withLock { counted.alreadyAnswered += 1 }
  }

  /// What has been asked so far.
  public var tally: Tally { lock.withLock { counted } }

  /// Calls and tokens as usage, like any engine's.
  public var usage: EngineUsage { meter.snapshot }

  /// Counts the request and answers it with the shortest well-formed reply.
  public func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try Task.checkCancellation()
    let characters = request.messages.reduce(0) { $0 + $1.content.count }
    let role = CallRole.current
    let price = ModelPrice.current
    lock.withLock {
      if let price {
        counted.usdCeiling += price.cost(
          prompt: (characters + 2) / 3, completion: request.maxTokens ?? defaultMaxTokens)
      } else {
        counted.unpriced += 1
      }
      counted.calls += 1
      counted.promptTokens += (characters + 3) / 4
      counted.completionTokensCeiling += request.maxTokens ?? defaultMaxTokens
      if role == .judge || role == .optimizer { counted.reminderable += 1 }
    }
    let response = ChatResponse(
      text: Self.reply(to: request), promptTokens: (characters + 3) / 4, completionTokens: 2)
    meter.recordAnswer(response)
    return response
  }

  /// The shortest reply its caller accepts.
  static func reply(to request: ChatRequest) -> String {
    let text = request.messages.map(\.content).joined(separator: "\n")
    if text.contains(OptimizerPrompts.openTag) {
      let variable = between(text, "<VARIABLE>", "</VARIABLE>") ?? "unchanged"
      return OptimizerPrompts.openTag + variable.trimmingCharacters(in: .whitespaces)
        + OptimizerPrompts.closeTag
    }
    if text.contains(AnswerJudge.openTag) { return AnswerJudge.openTag + "0" + AnswerJudge.closeTag }
    if text.contains("<MERGED_PROMPT>") {
      return "<MERGED_PROMPT>" + (between(text, "<PROMPT_1>", "</PROMPT_1>") ?? "merged") + "</MERGED_PROMPT>"
    }
    return "Answer: 0"
  }

  private static func between(_ text: String, _ open: String, _ close: String) -> String? {
    guard let start = text.range(of: open),
      let end = text.range(of: close, range: start.upperBound..<text.endIndex)
    else { return nil }
    return String(text[start.upperBound..<end.lowerBound])
  }
}
