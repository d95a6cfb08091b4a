/// An engine that answers repeated deterministic requests from a `ResponseStore`.
///
/// Only requests that must give the same answer twice are cached (`isDeterministic`:
/// temperature 0, or any temperature with a seed, cached per seed). The key covers the model
/// name, messages and sampling options, never the key or URL of the engine behind.
public final class CachingEngine: LanguageModel {
  /// How an engine uses its cache.
  public enum Mode: Hashable, Sendable {
    /// Answer from the cache when possible; store new answers.
    case readWrite
    /// Always ask the model, and replace stored answers (a fresh run).
    case refresh
    /// Neither read nor write the cache.
    case off
  }

  /// The engine asked on a miss.
  public let base: any LanguageModel
  /// Where answers are kept.
  public let store: any ResponseStore
  /// How the cache is used.
  public let mode: Mode
  private let meter = UsageMeter()

  /// Puts `store` in front of `base`.
  public init(base: any LanguageModel, store: any ResponseStore, mode: Mode = .readWrite) {
    self.base = base
    self.store = store
    self.mode = mode
  }

  /// The base engine's model.
  public var model: String { base.model }

  /// Requests answered through this engine, cache hits included; retries are the base's.
  public var usage: EngineUsage {
    var tally = meter.snapshot
    tally.retries = base.usage.retries
    return tally
  }

  /// Answers from the store when allowed and present, else from the base engine (and
  /// stores that answer).
  public func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try await complete(request, sink: nil)
  }

  /// As `complete(_:)`, streaming the base engine's answer to `sink`; a cached answer reaches
  /// the sink whole.
  public func complete(_ request: ChatRequest, streamingTo sink: @escaping TextSink)
    async throws -> ChatResponse
  {
    try await complete(request, sink: sink)
  }

  private func complete(_ request: ChatRequest, sink: TextSink?) async throws -> ChatResponse {
    guard mode != .off, request.isDeterministic else { return try await ask(request, sink) }
    let key = RequestKey(request)
    if mode == .readWrite, let stored = try await store.response(for: key) {
      return hit(stored, sink: sink)
    }
    let response = try await ask(request, sink)
    try await store.save(response, for: key)
    return response
  }

  /// A stored answer marked and counted as a cache hit, passed whole to `sink`. (Apart from
  /// `complete`, whose async frame every call in flight holds.)
  private func hit(_ stored: ChatResponse, sink: TextSink?) -> ChatResponse {
    var hit = stored
    hit.cached = true
    meter.recordAnswer(hit)
    sink?(hit.text)
    return hit
  }

  private func ask(_ request: ChatRequest, _ sink: TextSink?) async throws -> ChatResponse {
    try await meter.measure {
      if let sink { return try await base.complete(request, streamingTo: sink) }
      return try await base.complete(request)
    }
  }
}
