/// The log-probability a model gives a text it did not write, token by token, as the model's
/// answer to a context.
///
/// Two servers can tell it, each its own way (`Method`):
/// - llama.cpp's llama-server by forced decoding: the request asks for an answer at temperature
///   0 with a GBNF grammar that admits exactly the text, and `logprobs` on. The server can
///   produce nothing else, and the log-probability it reports for each token is the model's
///   own, taken before the grammar narrowed the choice. The sum is the log-probability of the
///   text in the tokenization the decoding took, which for the model's own greedy answer is
///   that answer (a test holds the two equal).
/// - vLLM from prompt log-probabilities: the text is the last message, which the server
///   continues (`continue_final_message`) after reporting every prompt token's log-probability
///   (`prompt_logprobs`); the text's tokens are the prompt's last ones.
///
/// OpenAI's and Ollama's servers report neither for a given text; SGLang's chat endpoint takes
/// neither request. `EngineError.cannotScore` says which servers can.
public enum TextScoring {
  /// How a server is asked for a given text's log-probabilities.
  public enum Method: String, Sendable, Hashable {
    /// A grammar forces the text as the answer (llama.cpp's server).
    case forcedDecoding
    /// The text ends the prompt, whose log-probabilities come back (vLLM).
    case promptLogProbabilities
  }

  /// The context a text is scored in when none is given: the request for a prompt that
  /// FedTextGrad's clients and server write.
  public static let defaultContext =
    "Write the instructions a language model should follow to solve a reasoning task."

  /// The request that scores `text` as `model`'s answer to `context`.
  ///
  /// For forced decoding, top-p 1 and no frequency penalty, so that where the grammar admits
  /// several tokenizations of the text the server takes the one the model itself ranks first.
  public static func request(
    scoring text: String, after context: String, model: String, method: Method = .forcedDecoding
  ) -> ChatRequest {
    switch method {
    case .forcedDecoding:
      return ChatRequest(
        model: model, messages: [.user(context)], temperature: 0, maxTokens: text.utf8.count + 8, topP: 1,
        grammar: "root ::= " + literal(text), frequencyPenalty: 0, logProbabilities: true)
    case .promptLogProbabilities:
      var request = ChatRequest(
        model: model, messages: [.user(context), .assistant(text)], temperature: 0, maxTokens: 1, topP: 1,
        frequencyPenalty: 0)
      request.promptLogProbabilities = true
      return request
    }
  }

  /// The tokens of `text` with their log-probabilities, as `response` (the answer to
  /// `request(scoring: text, ..., method:)`) carries them; the end-of-turn token is left out.
  public static func tokens(
    of text: String, in response: ChatResponse, method: Method = .forcedDecoding
  ) throws(EngineError) -> [TokenLogProbability] {
    if method == .promptLogProbabilities { return try promptTokens(of: text, in: response) }
    guard response.text == text else {
      throw .cannotScore("the server answered other text than the one given, so it ignored the grammar")
    }
    guard var tokens = response.tokenLogProbabilities, !tokens.isEmpty else {
      throw .cannotScore("the server's answer carries no log-probabilities")
    }
    while let last = tokens.last, last.token.isEmpty { tokens.removeLast() }
    guard !tokens.isEmpty, tokens.allSatisfy({ $0.logProbability.isFinite && $0.logProbability <= 1e-9 }) else {
      throw .cannotScore("the server's log-probabilities are not those of the text's tokens")
    }
    return tokens
  }

  /// The last prompt tokens of `response`, those that spell `text`.
  private static func promptTokens(of text: String, in response: ChatResponse) throws(EngineError)
    -> [TokenLogProbability]
  {
    guard let prompt = response.promptTokenLogProbabilities, !prompt.isEmpty else {
      throw .cannotScore("the server's answer carries no prompt log-probabilities")
    }
    var spelled = ""
    var count = 0
    for token in prompt.reversed() where spelled.utf8.count < text.utf8.count {
      spelled = token.token + spelled
      count += 1
    }
    guard spelled == text, prompt.suffix(count).allSatisfy({ $0.logProbability.isFinite && $0.logProbability <= 1e-9 })
    else {
      throw .cannotScore("the server's prompt does not end with the text's tokens (its chat template changed the text)")
    }
    return Array(prompt.suffix(count))
  }

  /// The log-probabilities of `text`'s tokens as `engine`'s model's answer to `context`.
  public static func score(
    _ text: String, after context: String = defaultContext, with engine: any LanguageModel,
    method: Method = .forcedDecoding
  ) async throws -> [TokenLogProbability] {
    guard !text.isEmpty else { throw EngineError.cannotScore("the text is empty") }
    let response = try await engine.complete(
      request(scoring: text, after: context, model: engine.model, method: method))
    return try tokens(of: text, in: response, method: method)
  }

  /// `text` as a GBNF string literal: quotes, backslashes and control characters escaped,
  /// everything else (UTF-8 included) as it is.
  static func literal(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7f:
        out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
