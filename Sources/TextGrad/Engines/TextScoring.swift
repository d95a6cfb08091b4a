/// The log-probability a model gives a text it did not write, token by token (forced decoding).
///
/// The request asks for `text` as the answer to `context`, at temperature 0, with a GBNF
/// grammar that admits exactly `text` and with `logprobs` on. A server that follows the grammar
/// (llama.cpp's llama-server) can produce nothing else, and the log-probability it reports for
/// each token is the model's own, taken before the grammar narrowed the choice: a token the
/// model would not have chosen keeps its low probability. The sum is the log-probability of the
/// text in the tokenization the server's decoding took, which for the model's own greedy answer
/// is the very answer (a test holds the two equal).
///
/// Servers that ignore the grammar (OpenAI, Ollama) answer something else, and scoring fails
/// with `EngineError.cannotScore` saying which servers can.
public enum TextScoring {
  /// The context a text is scored in when none is given: the request for a prompt that
  /// FedTextGrad's clients and server write.
  public static let defaultContext =
    "Write the instructions a language model should follow to solve a reasoning task."

  /// The request that scores `text` as `model`'s answer to `context`.
  ///
  /// Top-p 1 and no frequency penalty, so that where the grammar admits several tokenizations
  /// of the text the server takes the one the model itself ranks first.
  public static func request(scoring text: String, after context: String, model: String) -> ChatRequest {
    ChatRequest(
      model: model, messages: [.user(context)], temperature: 0, maxTokens: text.utf8.count + 8, topP: 1,
      grammar: "root ::= " + literal(text), frequencyPenalty: 0, logProbabilities: true)
  }

  /// The tokens of `text` with their log-probabilities, as `response` (the answer to
  /// `request(scoring: text, ...)`) carries them; the end-of-turn token is left out.
  public static func tokens(of text: String, in response: ChatResponse) throws(EngineError)
    -> [TokenLogProbability]
  {
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

  /// The log-probabilities of `text`'s tokens as `engine`'s model's answer to `context`.
  public static func score(
    _ text: String, after context: String = defaultContext, with engine: any LanguageModel
  ) async throws -> [TokenLogProbability] {
    guard !text.isEmpty else { throw EngineError.cannotScore("the text is empty") }
    let response = try await engine.complete(request(scoring: text, after: context, model: engine.model))
    return try tokens(of: text, in: response)
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
