extension EngineSpec {
  /// The engine this spec names: an `OpenAICompatibleEngine` at the resolved endpoint (an
  /// `EnginePool` of them when the base URL lists several servers), behind a `CachingEngine`
  /// over `store` unless `store` is `nil` or `cacheMode` is `.off`.
  ///
  /// Throws what `endpoints(in:)` throws (a missing key names its variable; `.local` needs
  /// the launcher to supply its endpoint). In a pool, `configuration`'s in-flight limit holds
  /// per server and its retries are the pool's, across servers.
  public func makeEngine(
    environment: [String: String],
    configuration: OpenAICompatibleEngine.Configuration = .init(),
    store: (any ResponseStore)?, cacheMode: CachingEngine.Mode = .readWrite
  ) throws(EngineError) -> any LanguageModel {
    let remote = engine(at: try endpoints(in: environment), configuration: configuration)
    guard let store, cacheMode != .off else { return remote }
    return CachingEngine(base: remote, store: store, mode: cacheMode)
  }

  /// An `OpenAICompatibleEngine` at the one endpoint, or an `EnginePool` over several (whose
  /// members make one attempt each: the pool retries, on another server).
  func engine(
    at endpoints: [EngineEndpoint], configuration: OpenAICompatibleEngine.Configuration
  ) -> any LanguageModel {
    if endpoints.count == 1 { return OpenAICompatibleEngine(endpoint: endpoints[0], configuration: configuration) }
    var member = configuration
    member.retry.maxAttempts = 1
    return EnginePool(
      members: endpoints.map { OpenAICompatibleEngine(endpoint: $0, configuration: member) },
      perServerLimit: configuration.maxConcurrentRequests, retry: configuration.retry)
  }
}
