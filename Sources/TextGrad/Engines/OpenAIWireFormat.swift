import Foundation

/// The JSON body of `POST /chat/completions`, in the field names OpenAI-compatible servers
/// use; options the request leaves unset are left out.
enum ChatCompletionBody {
  /// The body for `request`, asking for a streamed answer when `stream` is set; nil when a
  /// sampling option is not a finite number (JSON cannot carry it).
  static func encode(_ request: ChatRequest, stream: Bool) -> Data? {
    guard request.samplingOptionsAreFinite else { return nil }
    var json = JSONText(roomFor: request.messages)
    json.raw("{")
    json.key("model")
    json.string(request.model)
    json.key("messages")
    json.messages(request.messages)
    if let temperature = request.temperature {
      json.key("temperature")
      json.number(temperature)
    }
    if let maxTokens = request.maxTokens {
      json.key("max_tokens")
      json.number(maxTokens)
    }
    if let topP = request.topP {
      json.key("top_p")
      json.number(topP)
    }
    if let seed = request.seed {
      json.key("seed")
      json.number(seed)
    }
    if let stop = request.stop {
      json.key("stop")
      json.strings(stop)
    }
    if let grammar = request.grammar {
      json.key("grammar")
      json.string(grammar)
    }
    if let penalty = request.frequencyPenalty {
      json.key("frequency_penalty")
      json.number(penalty)
    }
    if let window = request.penaltyWindow {
      json.key("repeat_last_n")
      json.number(window)
    }
    if let logProbabilities = request.logProbabilities {
      json.key("logprobs")
      json.raw(logProbabilities ? "true" : "false")
    }
    if request.promptLogProbabilities == true {
      json.key("prompt_logprobs")
      json.raw("0")
      json.key("continue_final_message")
      json.raw("true")
      json.key("add_generation_prompt")
      json.raw("false")
    }
    json.key("stream")
    json.raw(stream ? "true" : "false")
    if stream {
      json.key("stream_options")
      json.raw("{\"include_usage\":true}")
    }
    json.raw("}")
    return Data(json.bytes)
  }
}

struct ChatCompletionReply: Decodable {
  struct Choice: Decodable {
    struct Message: Decodable {
      let content: String?
    }
    /// `logprobs: {content: [{token, logprob}]}`, present when asked for.
    struct LogProbabilities: Decodable {
      struct Token: Decodable {
        let token: String
        let logprob: Double
      }
      let content: [Token]?
    }
    let message: Message?
    let finishReason: String?
    let logprobs: LogProbabilities?

    enum CodingKeys: String, CodingKey {
      case message, logprobs
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

  /// vLLM's `prompt_logprobs`: per prompt token, nil for the first, else the token's entry
  /// keyed by its id (with `prompt_logprobs: 0`, the token alone).
  struct PromptToken: Decodable {
    let logprob: Double
    let decodedToken: String?

    enum CodingKeys: String, CodingKey {
      case logprob
      case decodedToken = "decoded_token"
    }
  }

  let choices: [Choice]?
  let usage: Usage?
  let promptLogprobs: [[String: PromptToken]?]?

  enum CodingKeys: String, CodingKey {
    case choices, usage
    case promptLogprobs = "prompt_logprobs"
  }

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
    let tokens = choice.logprobs?.content?.map { token in
      TokenLogProbability(token: token.token, logProbability: token.logprob)
    }
    var response = ChatResponse(
      text: text, finishReason: choice.finishReason,
      promptTokens: reply.usage?.promptTokens ?? 0,
      completionTokens: reply.usage?.completionTokens ?? 0, latency: latency, tokenLogProbabilities: tokens)
    response.promptTokenLogProbabilities = try reply.promptLogprobs.map { entries throws(EngineError) in
      var tokens: [TokenLogProbability] = []
      for case let entry? in entries {
        guard entry.count == 1, let token = entry.values.first else {
          throw .malformedResponse(url: url, detail: "a prompt token's log-probabilities name \(entry.count) tokens")
        }
        tokens.append(TokenLogProbability(token: token.decodedToken ?? "", logProbability: token.logprob))
      }
      return tokens
    }
    return response
  }
}
