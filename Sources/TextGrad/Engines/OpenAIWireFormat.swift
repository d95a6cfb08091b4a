import Foundation

/// The JSON body of `POST /chat/completions`, in the field names OpenAI-compatible servers use.
struct ChatCompletionBody: Encodable {
  let model: String
  let messages: [ChatMessage]
  let temperature: Double?
  let maxTokens: Int?
  let topP: Double?
  let seed: Int?
  let stop: [String]?
  let grammar: String?
  let stream: Bool
  let streamOptions: StreamOptions?

  /// Asks a streaming server to send token counts in a last chunk.
  struct StreamOptions: Encodable {
    let includeUsage = true
    enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
  }

  init(_ request: ChatRequest, stream: Bool) {
    self.stream = stream
    streamOptions = stream ? StreamOptions() : nil
    model = request.model
    messages = request.messages
    temperature = request.temperature
    maxTokens = request.maxTokens
    topP = request.topP
    seed = request.seed
    stop = request.stop
    grammar = request.grammar
  }

  enum CodingKeys: String, CodingKey {
    case model, messages, temperature, seed, stop, grammar, stream
    case maxTokens = "max_tokens"
    case topP = "top_p"
    case streamOptions = "stream_options"
  }
}

/// The parts of a chat completion answer that ftg reads.
struct ChatCompletionReply: Decodable {
  struct Choice: Decodable {
    struct Message: Decodable {
      let content: String?
    }
    let message: Message?
    let finishReason: String?

    enum CodingKeys: String, CodingKey {
      case message
      case finishReason = "finish_reason"
    }
  }

  struct Usage: Decodable {
    let promptTokens: Int?
    let completionTokens: Int?

    enum CodingKeys: String, CodingKey {
      case promptTokens = "prompt_tokens"
      case completionTokens = "completion_tokens"
    }
  }

  let choices: [Choice]?
  let usage: Usage?

  /// Reads an answer body into a response, or throws a retryable `EngineError` naming `url`.
  static func response(from body: Data, url: String, latency: Double) throws(EngineError)
    -> ChatResponse
  {
    let reply: ChatCompletionReply
    do {
      reply = try JSONDecoder().decode(ChatCompletionReply.self, from: body)
    } catch {
      let start = String(decoding: body.prefix(120), as: UTF8.self)
      throw .malformedResponse(url: url, detail: "not a chat completion: \(start)")
    }
    guard let choice = reply.choices?.first else { throw .emptyChoices(url: url) }
    guard let text = choice.message?.content else {
      throw .malformedResponse(url: url, detail: "the first choice has no message content")
    }
    return ChatResponse(
      text: text, finishReason: choice.finishReason,
      promptTokens: reply.usage?.promptTokens ?? 0,
      completionTokens: reply.usage?.completionTokens ?? 0, latency: latency)
  }
}
