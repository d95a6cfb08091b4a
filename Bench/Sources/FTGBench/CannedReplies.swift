import Foundation

/// What the benchmark server answers: a fixed, instant function of the request, shaped like
/// the answers ftg expects (an improved variable in its tags for optimizer requests, a merged
/// prompt for aggregation requests, a verdict for a judge, a worked answer with a final number
/// for anything else).
enum CannedReplies {
  /// The whole `chat.completion` body answering the request `body`.
  static func completion(for body: Data) -> Data {
    let request = try? JSONDecoder().decode(Request.self, from: body)
    let texts = request?.messages.map(\.content) ?? []
    let text = reply(to: texts)
    let promptTokens = texts.reduce(0) { $0 + $1.utf8.split(separator: UInt8(ascii: " ")).count }
    let completionTokens = text.utf8.split(separator: UInt8(ascii: " ")).count
    let reply = Reply(
      model: request?.model ?? "bench",
      choices: [.init(message: .init(content: text))],
      usage: .init(
        prompt_tokens: promptTokens, completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens))
    return (try? JSONEncoder().encode(reply)) ?? Data()
  }

  /// The part of a chat request the answer depends on.
  private struct Request: Decodable {
    struct Message: Decodable { let content: String }
    let model: String?
    let messages: [Message]
  }

  /// A `chat.completion` object with one choice, in OpenAI's field names.
  private struct Reply: Encodable {
    struct Choice: Encodable {
      struct Message: Encodable {
        var role = "assistant"
        let content: String
      }
      var index = 0
      let message: Message
      var finish_reason = "stop"
    }
    struct Usage: Encodable {
      let prompt_tokens: Int
      let completion_tokens: Int
      let total_tokens: Int
    }
    var id = "bench"
    var object = "chat.completion"
    let model: String
    let choices: [Choice]
    let usage: Usage
  }

  /// The answer text for a conversation's messages.
  static func reply(to texts: [String]) -> String {
    let last = texts.last ?? ""
    if last.contains("<IMPROVED_VARIABLE>") || last.contains("IMPROVED_VARIABLE"),
      let variable = span(of: "VARIABLE", in: last)
    {
      return "<IMPROVED_VARIABLE>\(variable) Check every step once more.</IMPROVED_VARIABLE>"
    }
    if last.contains("<ACCURACY>"), !last.contains("OBJECTIVE_FUNCTION") {
      return "<ACCURACY> 1 </ACCURACY>"
    }
    if last.contains("MERGED_PROMPT") {
      return "<MERGED_PROMPT>Work through the problem step by step and check the result.</MERGED_PROMPT>"
    }
    return "Counting one item at a time gives the total.\nAnswer: \(last.utf8.count % 10)"
  }

  /// The text inside the first `<TAG>...</TAG>`.
  private static func span(of tag: String, in text: String) -> String? {
    guard let open = text.range(of: "<\(tag)>"),
      let close = text.range(of: "</\(tag)>", range: open.upperBound..<text.endIndex)
    else { return nil }
    return String(text[open.upperBound..<close.lowerBound])
  }
}
