/// An engine that answers repeated deterministic requests from a `ResponseStore`.
///
/// Only requests that must give the same answer twice are cached (`isDeterministic`:
/// temperature 0, or any temperature with a seed, cached per seed). The key covers the model
/// name, messages and sampling options, never the key or URL of the engine behind. A request
/// identical to one in flight waits for that one's answer instead of sending its own (single
/// flight), and is counted as a cache hit and in `usage.sharedHits`.
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
  private let inFlight: InFlightRequests

  /// Puts `store` in front of `base`.
  public convenience init(base: any LanguageModel, store: any ResponseStore, mode: Mode = .readWrite) {
    self.init(base: base, store: store, mode: mode, inFlight: InFlightRequests())
  }

  /// As the public initializer, with the registry of requests in flight given (tests watch it).
  init(base: any LanguageModel, store: any ResponseStore, mode: Mode, inFlight: InFlightRequests) {
    self.base = base
    self.store = store
    self.mode = mode
    self.inFlight = inFlight
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
    let (base, store) = (self.base, self.store)
    let (response, joined) = try await meter.countingFailure {
      try await inFlight.answer(for: key) {
        let response: ChatResponse
        if let sink {
          response = try await base.complete(request, streamingTo: sink)
        } else {
          response = try await base.complete(request)
        }
        try await store.save(response, for: key)
        return response
      }
    }
    if joined { return hit(response, sink: sink, shared: true) }
    meter.recordAnswer(response)
    return response
  }

  /// An answer the model did not give now (stored, or shared from an identical request in
  /// flight), marked and counted as a cache hit and passed whole to `sink`. (Apart from
  /// `complete`, whose async frame every call in flight holds.)
  private func hit(_ stored: ChatResponse, sink: TextSink?, shared: Bool = false) -> ChatResponse {
    var hit = stored
    hit.cached = true
    hit.shared = shared
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
