/// A chat completion request: the model, the conversation and the sampling options.
///
/// Optional options left `nil` are not sent, so the server's defaults apply. A request is
/// plain data: it holds no key and no URL, so it can be hashed and cached as it is.
public struct ChatRequest: Codable, Hashable, Sendable {
  /// The model name as the server knows it (`llama3.1`, `gpt-4o`).
  public var model: String
  /// The conversation, oldest message first.
  public var messages: [ChatMessage]
  /// Sampling temperature; `nil` means the server's default (usually 1).
  public var temperature: Double?
  /// The most tokens the answer may have.
  public var maxTokens: Int?
  /// Nucleus sampling mass.
  public var topP: Double?
  /// Seed for reproducible sampling, where the server supports it.
  public var seed: Int?
  /// Sequences that end the answer.
  public var stop: [String]?
  /// A GBNF grammar passed through to llama.cpp's server, which constrains the answer.
  public var grammar: String?
  /// Penalty on tokens in proportion to how often they already appeared (OpenAI's
  /// `frequency_penalty`); it stops small models' repetition loops.
  public var frequencyPenalty: Double?
  /// How many of the latest tokens the penalties look back over (llama.cpp's
  /// `repeat_last_n`; its default is 64, too short to see a repeated paragraph).
  public var penaltyWindow: Int?
  /// Whether the answer should carry each token's log-probability (OpenAI's `logprobs`).
  public var logProbabilities: Bool?
  /// Whether the answer should carry the log-probability of each token of the prompt, whose
  /// last message is then continued rather than answered (vLLM's `prompt_logprobs`, with
  /// `continue_final_message`).
  public var promptLogProbabilities: Bool?

  /// A request for `model` with the given conversation and options.
  public init(
    model: String, messages: [ChatMessage], temperature: Double? = nil, maxTokens: Int? = nil,
    topP: Double? = nil, seed: Int? = nil, stop: [String]? = nil, grammar: String? = nil,
    frequencyPenalty: Double? = nil, penaltyWindow: Int? = nil, logProbabilities: Bool? = nil
  ) {
    self.model = model
    self.messages = messages
    self.temperature = temperature
    self.maxTokens = maxTokens
    self.topP = topP
    self.seed = seed
    self.stop = stop
    self.grammar = grammar
    self.frequencyPenalty = frequencyPenalty
    self.penaltyWindow = penaltyWindow
    self.logProbabilities = logProbabilities
  }

  /// Whether answering this request twice must give the same text, so it may be cached.
  ///
  /// True at temperature 0, and at any temperature when a seed is given (the cache then
  /// holds one answer per seed). A request without a temperature uses the server's default,
  /// which samples, so it needs a seed too.
  public var isDeterministic: Bool {
    temperature == 0 || seed != nil
  }

  /// Whether temperature, top-p and the frequency penalty, when set, are finite numbers (JSON
  /// can carry no other).
  public var samplingOptionsAreFinite: Bool {
    [temperature, topP, frequencyPenalty].allSatisfy { $0?.isFinite ?? true }
  }
}
