extension EngineSpec {
  /// The engine this spec names: an `OpenAICompatibleEngine` at the resolved endpoint, behind
  /// a `CachingEngine` over `store` unless `store` is `nil` or `cacheMode` is `.off`.
  ///
  /// Throws what `endpoint(in:)` throws (a missing key names its variable; `.local` needs
  /// the launcher to supply its endpoint).
  public func makeEngine(
    environment: [String: String],
    configuration: OpenAICompatibleEngine.Configuration = .init(),
    store: (any ResponseStore)?, cacheMode: CachingEngine.Mode = .readWrite
  ) throws(EngineError) -> any LanguageModel {
    let remote = OpenAICompatibleEngine(
      endpoint: try endpoint(in: environment), configuration: configuration)
    guard let store, cacheMode != .off else { return remote }
    return CachingEngine(base: remote, store: store, mode: cacheMode)
  }
}
