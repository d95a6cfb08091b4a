/// The answer to a `ChatRequest`: text, why it ended, token counts and timing.
public struct ChatResponse: Codable, Hashable, Sendable {
  /// The text the model produced.
  public var text: String
  /// Why generation ended (`stop`, `length`, ...), as the server reported it.
  public var finishReason: String?
  /// Tokens in the prompt, as the server counted them (0 when it did not say).
  public var promptTokens: Int
  /// Tokens in the answer, as the server counted them (0 when it did not say).
  public var completionTokens: Int
  /// Seconds from sending the request to receiving the whole answer.
  public var latency: Double
  /// Whether the answer came from the cache instead of the model.
  public var cached: Bool
  /// Whether the answer was shared with an identical request in flight (single flight).
  ///
  /// Such an answer is `cached` too. It is known only while the call returns: neither caches
  /// nor records keep it.
  public var shared = false
  /// Each answer token with its log-probability, when the request asked for them.
  public var tokenLogProbabilities: [TokenLogProbability]?
  /// Each prompt token with its log-probability, when the request asked for them (the first
  /// token, which nothing precedes, has none and is left out).
  public var promptTokenLogProbabilities: [TokenLogProbability]?

  private enum CodingKeys: String, CodingKey {
    case text, finishReason, promptTokens, completionTokens, latency, cached, tokenLogProbabilities
    case promptTokenLogProbabilities
  }

  /// A response with the given parts.
  public init(
    text: String, finishReason: String? = "stop", promptTokens: Int = 0,
    completionTokens: Int = 0, latency: Double = 0, cached: Bool = false,
    tokenLogProbabilities: [TokenLogProbability]? = nil
  ) {
    self.text = text
    self.finishReason = finishReason
    self.promptTokens = promptTokens
    self.completionTokens = completionTokens
    self.latency = latency
    self.cached = cached
    self.tokenLogProbabilities = tokenLogProbabilities
  }
}
