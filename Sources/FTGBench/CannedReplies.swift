import Foundation

/// What the benchmark server answers: a fixed, instant function of the request, shaped like
/// the answers ftg expects (an improved variable in its tags for optimizer requests, a merged
/// prompt for aggregation requests, a worked answer with a final number for anything else).
enum CannedReplies {
  /// The whole `chat.completion` body answering the request `body`.
  static func completion(for body: Data) -> Data {
    let request = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    let messages = (request?["messages"] as? [[String: Any]]) ?? []
    let texts = messages.compactMap { $0["content"] as? String }
    let text = reply(to: texts)
    let promptTokens = texts.reduce(0) { $0 + $1.split(separator: " ").count }
    let completionTokens = text.split(separator: " ").count
    let object: [String: Any] = [
      "id": "bench", "object": "chat.completion", "model": request?["model"] as? String ?? "bench",
      "choices": [["index": 0, "message": ["role": "assistant", "content": text], "finish_reason": "stop"]],
      "usage": ["prompt_tokens": promptTokens, "completion_tokens": completionTokens, "total_tokens": promptTokens + completionTokens],
    ]
    return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
  }

  /// The answer text for a conversation's messages.
  static func reply(to texts: [String]) -> String {
    let last = texts.last ?? ""
    if last.contains("<IMPROVED_VARIABLE>") || last.contains("IMPROVED_VARIABLE"),
      let variable = span(of: "VARIABLE", in: last)
    {
      return "<IMPROVED_VARIABLE>\(variable) Check every step once more.</IMPROVED_VARIABLE>"
    }
    if last.contains("MERGED_PROMPT") {
      return "<MERGED_PROMPT>Work through the problem step by step and check the result.</MERGED_PROMPT>"
    }
    return "Counting one item at a time gives the total.\nAnswer: \(last.count % 10)"
  }

  /// The text inside the first `<TAG>...</TAG>`.
  private static func span(of tag: String, in text: String) -> String? {
    guard let open = text.range(of: "<\(tag)>"),
      let close = text.range(of: "</\(tag)>", range: open.upperBound..<text.endIndex)
    else { return nil }
    return String(text[open.upperBound..<close.lowerBound])
  }
}
