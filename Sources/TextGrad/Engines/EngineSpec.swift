/// Which server answers for an engine name, parsed once from names like `ollama-llama3.1`.
///
/// Routing follows FedTextGrad's names: `gpt-*` and `o1*`/`o3*`/`o4*` go to OpenAI,
/// `ollama-`, `vllm-` and `sglang-` prefixes to those local servers, `local` to the model ftg
/// embeds, and anything else needs an explicit base URL.
public enum EngineSpec: Hashable, Sendable {
  /// OpenAI's API (`$OPENAI_BASE_URL`, key `$OPENAI_API_KEY` required).
  case openAI(model: String)
  /// An Ollama server (`$OLLAMA_BASE_URL`, key `$OLLAMA_API_KEY` optional).
  case ollama(model: String)
  /// A vLLM server (`$VLLM_BASE_URL`, key `$VLLM_API_KEY` optional).
  case vllm(model: String)
  /// An SGLang server (`$SGLANG_BASE_URL`, key `$SGLANG_API_KEY` optional).
  case sglang(model: String)
  /// The small model ftg serves itself on loopback.
  case local
  /// Any OpenAI-compatible server at `baseURL`; the key, if any, is read from `keyVariable`.
  case custom(model: String, baseURL: String, keyVariable: String?)

  /// Parses an engine name such as `gpt-4o`, `o3-mini`, `ollama-llama3.1` or `local`.
  public init(parsing name: String) throws(EngineError) {
    if name == "local" {
      self = .local
    } else if let model = try Self.model(of: name, after: "ollama-") {
      self = .ollama(model: model)
    } else if let model = try Self.model(of: name, after: "vllm-") {
      self = .vllm(model: model)
    } else if let model = try Self.model(of: name, after: "sglang-") {
      self = .sglang(model: model)
    } else if Self.isOpenAIModel(name) {
      self = .openAI(model: name)
    } else {
      throw .unknownEngine(name: name)
    }
  }

  /// An engine for `model` at an explicit OpenAI-compatible `baseURL`, with its key (if any)
  /// in the environment variable `keyVariable`.
  public init(model: String, baseURL: String, keyVariable: String?) throws(EngineError) {
    if model.isEmpty { throw .emptyModel(name: baseURL) }
    let bases = Self.baseList(baseURL)
    guard !bases.isEmpty else { throw .invalidBaseURL(baseURL) }
    for base in bases where !Self.isHTTPURL(base) { throw .invalidBaseURL(base) }
    self = .custom(model: model, baseURL: baseURL, keyVariable: keyVariable)
  }

  /// The name this spec was parsed from (or would be written as).
  public var name: String {
    switch self {
    case .openAI(let model): return model
    case .ollama(let model): return "ollama-" + model
    case .vllm(let model): return "vllm-" + model
    case .sglang(let model): return "sglang-" + model
    case .local: return "local"
    case .custom(let model, _, _): return model
    }
  }

  private static func model(of name: String, after prefix: String) throws(EngineError)
    -> String?
  {
    guard name.hasPrefix(prefix) else { return nil }
    let model = String(name.dropFirst(prefix.count))
    if model.isEmpty { throw .emptyModel(name: name) }
    return model
  }

  private static func isOpenAIModel(_ name: String) -> Bool {
    if name.hasPrefix("gpt-") { return name.count > 4 }
    let characters = Array(name)
    return characters.count >= 2 && characters[0] == "o" && ["1", "3", "4"].contains(characters[1])
  }

  static func isHTTPURL(_ text: String) -> Bool {
    for scheme in ["http://", "https://"] where text.hasPrefix(scheme) {
      return text.count > scheme.count
    }
    return false
  }
}
