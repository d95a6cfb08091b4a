/// One token of a model's answer and the natural-log probability the model gave it.
public struct TokenLogProbability: Codable, Hashable, Sendable {
  /// The token's text (a piece of a multi-byte character may be lost when the server splits
  /// one between tokens).
  public var token: String
  /// ln p of the token given everything before it (0 or below).
  public var logProbability: Double

  /// A token with its log-probability.
  public init(token: String, logProbability: Double) {
    self.token = token
    self.logProbability = logProbability
  }

  /// -ln p, in nats: how surprising the token was.
  public var surprisal: Double { -logProbability }
}
