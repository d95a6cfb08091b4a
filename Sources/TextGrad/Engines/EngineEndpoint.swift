/// Where to send an engine's requests: base URL, model and (secret) API key.
///
/// Its description leaves the key out, so an endpoint can be logged or shown.
public struct EngineEndpoint: Hashable, Sendable, CustomStringConvertible {
  /// The base URL, without a trailing slash (`http://localhost:11434/v1`).
  public let baseURL: String
  /// The model name sent to the server.
  public let model: String
  /// The API key sent as `Authorization: Bearer`, or `nil` to send no such header.
  public let apiKey: String?

  /// An endpoint at `baseURL` for `model`; an empty key counts as no key.
  public init(baseURL: String, model: String, apiKey: String?) throws(EngineError) {
    guard EngineSpec.isHTTPURL(baseURL) else { throw .invalidBaseURL(baseURL) }
    var trimmed = baseURL
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    self.baseURL = trimmed
    self.model = model
    self.apiKey = (apiKey?.isEmpty ?? true) ? nil : apiKey
  }

  /// The URL chat requests are posted to.
  public var chatCompletionsURL: String { baseURL + "/chat/completions" }

  /// The model and URL, never the key.
  public var description: String {
    "\(model) at \(baseURL)" + (apiKey == nil ? "" : " (with API key)")
  }
}

extension EngineSpec {
  /// Resolves base URL and key from `environment` (injected, so tests are hermetic).
  ///
  /// Throws when a required key is missing, naming its variable, and for `.local`, whose
  /// server ftg starts and describes with `EngineEndpoint(baseURL:model:apiKey:)` itself.
  public func endpoint(in environment: [String: String]) throws(EngineError) -> EngineEndpoint {
    func value(_ variable: String) -> String? {
      guard let text = environment[variable], !text.isEmpty else { return nil }
      return text
    }
    func base(_ variable: String, default fallback: String) throws(EngineError) -> String {
      guard let text = value(variable) else { return fallback }
      guard EngineSpec.isHTTPURL(text) else { throw .invalidBaseURL(text, variable: variable) }
      return text
    }
    switch self {
    case .openAI(let model):
      guard let key = value("OPENAI_API_KEY") else { throw .missingKey(variable: "OPENAI_API_KEY") }
      let base = try base("OPENAI_BASE_URL", default: "https://api.openai.com/v1")
      return try EngineEndpoint(baseURL: base, model: model, apiKey: key)
    case .ollama(let model):
      let base = try base("OLLAMA_BASE_URL", default: "http://localhost:11434/v1")
      return try EngineEndpoint(baseURL: base, model: model, apiKey: value("OLLAMA_API_KEY"))
    case .vllm(let model):
      let base = try base("VLLM_BASE_URL", default: "http://localhost:8000/v1")
      return try EngineEndpoint(baseURL: base, model: model, apiKey: value("VLLM_API_KEY"))
    case .sglang(let model):
      let base = try base("SGLANG_BASE_URL", default: "http://localhost:30000/v1")
      return try EngineEndpoint(baseURL: base, model: model, apiKey: value("SGLANG_API_KEY"))
    case .local:
      throw .localEngineNotStarted
    case .custom(let model, let baseURL, let keyVariable):
      guard let keyVariable else {
        return try EngineEndpoint(baseURL: baseURL, model: model, apiKey: nil)
      }
      guard let key = value(keyVariable) else { throw .missingKey(variable: keyVariable) }
      return try EngineEndpoint(baseURL: baseURL, model: model, apiKey: key)
    }
  }

  /// Every server the spec names, for an `EnginePool`: a base URL (given, or in the spec's
  /// variable such as `VLLM_BASE_URL`) may list several, separated by commas.
  public func endpoints(in environment: [String: String]) throws(EngineError) -> [EngineEndpoint] {
    switch self {
    case .custom(let model, let baseURL, let keyVariable):
      var endpoints: [EngineEndpoint] = []
      for base in Self.baseList(baseURL) {
        endpoints.append(
          try EngineSpec.custom(model: model, baseURL: base, keyVariable: keyVariable).endpoint(in: environment))
      }
      return endpoints
    default:
      guard let variable = baseVariable, let text = environment[variable], text.contains(",") else {
        return [try endpoint(in: environment)]
      }
      var endpoints: [EngineEndpoint] = []
      for base in Self.baseList(text) {
        var one = environment
        one[variable] = base
        endpoints.append(try endpoint(in: one))
      }
      return endpoints
    }
  }

  /// The variable that holds the spec's base URL, if it has one.
  var baseVariable: String? {
    switch self {
    case .openAI: return "OPENAI_BASE_URL"
    case .ollama: return "OLLAMA_BASE_URL"
    case .vllm: return "VLLM_BASE_URL"
    case .sglang: return "SGLANG_BASE_URL"
    case .local, .custom: return nil
    }
  }

  /// The base URLs of a comma-separated list, trimmed, empty parts dropped.
  static func baseList(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
