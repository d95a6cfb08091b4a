extension ChatResponse {
  /// The response as the cache stores it.
  ///
  /// It is JSON with sorted keys and `cached` false, as `JSONEncoder` writes it (with
  /// `.sortedKeys` and `.withoutEscapingSlashes`) and `JSONDecoder` reads it back. Written with
  /// `JSONText`, since every call saves one.
  var storedJSON: String {
    var json = JSONText(capacity: 128 + text.utf8.count)
    json.raw("{")
    json.key("cached")
    json.raw("false")
    json.key("completionTokens")
    json.number(completionTokens)
    if let finishReason {
      json.key("finishReason")
      json.string(finishReason)
    }
    json.key("latency")
    // Latency is a clock difference, always finite; JSON could not hold anything else.
    json.number(latency.isFinite ? latency : 0)
    if let promptTokenLogProbabilities {
      json.key("promptTokenLogProbabilities")
      json.tokens(promptTokenLogProbabilities)
    }
    json.key("promptTokens")
    json.number(promptTokens)
    json.key("text")
    json.string(text)
    if let tokenLogProbabilities {
      json.key("tokenLogProbabilities")
      json.tokens(tokenLogProbabilities)
    }
    json.raw("}")
    return String(decoding: json.bytes, as: UTF8.self)
  }
}

extension JSONText {
  /// Tokens as `[{"logProbability":...,"token":...}]` (keys sorted).
  fileprivate mutating func tokens(_ tokens: [TokenLogProbability]) {
    raw("[")
    for (index, token) in tokens.enumerated() {
      if index > 0 { raw(",") }
      raw("{")
      key("logProbability")
      // Replies carry JSON numbers, always finite.
      number(token.logProbability.isFinite ? token.logProbability : 0)
      key("token")
      string(token.token)
      raw("}")
    }
    raw("]")
  }
}
