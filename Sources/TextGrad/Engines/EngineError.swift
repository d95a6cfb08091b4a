import Foundation

/// Why an engine could not be made or could not answer.
///
/// Descriptions name the engine, the URL or the environment variable involved, never a key.
public struct EngineError: Error, Hashable, Sendable, CustomStringConvertible {
  private enum Code: Hashable, Sendable {
    case unknownEngine(name: String)
    case emptyModel(name: String)
    case missingKey(variable: String)
    case invalidBaseURL(url: String, variable: String?)
    case localEngineNotStarted
    case cannotConnect(url: String, detail: String)
    case timedOut(url: String, detail: String)
    case connectionLost(url: String, detail: String)
    case transportFailed(url: String, detail: String)
    case rateLimited(url: String, retryAfter: Double?)
    case serverError(url: String, status: Int, body: String, retryAfter: Double?)
    case rejected(url: String, status: Int, body: String)
    case malformedResponse(url: String, detail: String)
    case emptyChoices(url: String)
    case cannotScore(detail: String)
  }

  private var code: Code
  /// The model the failing request asked for, when there was a request.
  public private(set) var model: String?
  /// How many attempts were made before giving up (1 when the error was not retried).
  public private(set) var attempts = 1

  private init(_ code: Code) { self.code = code }

  /// Whether trying the same request again may succeed: connection problems, timeouts,
  /// rate limits, server errors and unreadable answers.
  public var isRetryable: Bool {
    switch code {
    case .cannotConnect, .timedOut, .connectionLost, .rateLimited, .serverError,
      .malformedResponse, .emptyChoices:
      return true
    case .unknownEngine, .emptyModel, .missingKey, .invalidBaseURL, .localEngineNotStarted,
      .transportFailed, .rejected, .cannotScore:
      return false
    }
  }

  /// True when the server could not be reached or dropped the connection: a reason to take it
  /// out of an `EnginePool` for a while, unlike an answer it gave (429, 5xx, an unreadable body).
  public var isConnectionFailure: Bool {
    switch code {
    case .cannotConnect, .connectionLost, .timedOut: return true
    default: return false
    }
  }

  /// True when the engine could not be made as given.
  ///
  /// That is an unknown name, a name without its model, a missing key or a base URL that is not
  /// one: fixing the script or the environment helps, trying again does not.
  public var isConfigurationError: Bool {
    switch code {
    case .unknownEngine, .emptyModel, .missingKey, .invalidBaseURL: return true
    default: return false
    }
  }

  /// The wait the server asked for with `Retry-After` (on 429 or 5xx answers), in seconds.
  public var retryAfter: Double? {
    switch code {
    case .rateLimited(_, let seconds), .serverError(_, _, _, let seconds): return seconds
    default: return nil
    }
  }

  /// The HTTP status of the answer, when the server answered with an error status.
  public var httpStatus: Int? {
    switch code {
    case .rateLimited: return 429
    case .serverError(_, let status, _, _), .rejected(_, let status, _): return status
    default: return nil
    }
  }

  /// The same error, saying which model was asked for and after how many attempts.
  func about(model: String, attempts: Int) -> EngineError {
    var copy = self
    copy.model = model
    copy.attempts = attempts
    return copy
  }

  // MARK: - Descriptions

  /// What went wrong, naming the engine, URL or variable.
  public var description: String {
    var text = summary
    if let model { text += " (model '\(model)')" }
    if attempts > 1 { text += " after \(attempts) attempts" }
    return text
  }

  private var summary: String {
    switch code {
    case .unknownEngine(let name):
      return "unknown engine '\(name)': expected gpt-*, o1*/o3*/o4*, ollama-MODEL, vllm-MODEL, "
        + "sglang-MODEL, local, or a model with an explicit base URL"
    case .emptyModel(let name):
      return "engine '\(name)' names no model after its prefix"
    case .missingKey(let variable):
      return "missing API key: set the environment variable \(variable)"
    case .invalidBaseURL(let url, let variable):
      let source = variable.map { " in \($0)" } ?? ""
      return "invalid base URL '\(url)'\(source): expected http://HOST[:PORT]/PATH or https://..."
    case .localEngineNotStarted:
      return "the local engine has no server yet: ftg starts it and supplies its URL"
    case .cannotConnect(let url, let detail):
      return "cannot connect to \(url): \(detail)"
    case .timedOut(let url, let detail):
      return "request to \(url) timed out: \(detail)"
    case .connectionLost(let url, let detail):
      return "connection to \(url) was lost: \(detail)"
    case .transportFailed(let url, let detail):
      return "request to \(url) failed: \(detail)"
    case .rateLimited(let url, let retryAfter):
      let wait = retryAfter.map { ", retry after \($0) s" } ?? ""
      return "rate limited by \(url) (HTTP 429\(wait))"
    case .serverError(let url, let status, let body, _):
      return "server error from \(url): HTTP \(status)\(Self.excerpt(body))"
    case .rejected(let url, let status, let body):
      return "request rejected by \(url): HTTP \(status)\(Self.excerpt(body))"
    case .malformedResponse(let url, let detail):
      return "unreadable answer from \(url): \(detail)"
    case .emptyChoices(let url):
      return "answer from \(url) has no choices"
    case .cannotScore(let detail):
      return "cannot score the text: \(detail); scoring a given text needs llama.cpp's llama-server "
        + "(local, local-1.5b, or engine(NAME, base: URL) of one) or vLLM (vllm-MODEL)"
    }
  }

  /// The same error with every copy of `key` in what the server sent replaced by `[key]`: a
  /// server may echo the key it was given in an error body, and errors are printed and logged.
  func redacting(_ key: String?) -> Self {
    guard let key, !key.isEmpty else { return self }
    func clean(_ text: String) -> String { text.replacingOccurrences(of: key, with: "[key]") }
    var copy = self
    switch code {
    case .serverError(let url, let status, let body, let retryAfter):
      copy.code = .serverError(url: url, status: status, body: clean(body), retryAfter: retryAfter)
    case .rejected(let url, let status, let body):
      copy.code = .rejected(url: url, status: status, body: clean(body))
    case .malformedResponse(let url, let detail):
      copy.code = .malformedResponse(url: url, detail: clean(detail))
    default:
      break
    }
    return copy
  }

  private static func excerpt(_ body: String) -> String {
    let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty { return "" }
    return ": " + (trimmed.count > 300 ? String(trimmed.prefix(300)) + "..." : trimmed)
  }

  // MARK: - Constructors

  static func unknownEngine(name: String) -> Self { Self(.unknownEngine(name: name)) }
  static func emptyModel(name: String) -> Self { Self(.emptyModel(name: name)) }
  static func missingKey(variable: String) -> Self { Self(.missingKey(variable: variable)) }
  static func invalidBaseURL(_ url: String, variable: String? = nil) -> Self {
    Self(.invalidBaseURL(url: url, variable: variable))
  }
  static var localEngineNotStarted: Self { Self(.localEngineNotStarted) }
  static func cannotConnect(url: String, detail: String) -> Self {
    Self(.cannotConnect(url: url, detail: detail))
  }
  static func timedOut(url: String, detail: String) -> Self {
    Self(.timedOut(url: url, detail: detail))
  }
  static func connectionLost(url: String, detail: String) -> Self {
    Self(.connectionLost(url: url, detail: detail))
  }
  static func transportFailed(url: String, detail: String) -> Self {
    Self(.transportFailed(url: url, detail: detail))
  }
  static func rateLimited(url: String, retryAfter: Double?) -> Self {
    Self(.rateLimited(url: url, retryAfter: retryAfter))
  }
  static func httpStatus(
    _ status: Int, url: String, body: String, retryAfter: Double? = nil
  ) -> Self {
    if status == 429 { return Self(.rateLimited(url: url, retryAfter: retryAfter)) }
    if status >= 500 {
      return Self(.serverError(url: url, status: status, body: body, retryAfter: retryAfter))
    }
    return Self(.rejected(url: url, status: status, body: body))
  }
  static func malformedResponse(url: String, detail: String) -> Self {
    Self(.malformedResponse(url: url, detail: detail))
  }
  static func emptyChoices(url: String) -> Self { Self(.emptyChoices(url: url)) }
  /// A text could not be scored, for the reason given; the description names the servers that can.
  public static func cannotScore(_ detail: String) -> Self { Self(.cannotScore(detail: detail)) }
}
