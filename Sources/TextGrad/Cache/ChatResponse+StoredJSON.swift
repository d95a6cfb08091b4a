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
    json.key("promptTokens")
    json.number(promptTokens)
    json.key("text")
    json.string(text)
    if let tokenLogProbabilities {
      json.key("tokenLogProbabilities")
      json.raw("[")
      for (index, token) in tokenLogProbabilities.enumerated() {
        if index > 0 { json.raw(",") }
        json.raw("{")
        json.key("logProbability")
        // Replies carry JSON numbers, always finite.
        json.number(token.logProbability.isFinite ? token.logProbability : 0)
        json.key("token")
        json.string(token.token)
        json.raw("}")
      }
      json.raw("]")
    }
    json.raw("}")
    return String(decoding: json.bytes, as: UTF8.self)
  }
}
