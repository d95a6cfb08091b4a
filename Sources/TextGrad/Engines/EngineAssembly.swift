/// How an engine named by a user is put together: the server its name routes to (or the
/// embedded model), its limits, a spending budget and the response cache, in that order from
/// the wire up.
///
/// The endpoints are resolved once, from the environment given; a missing key or a bad URL is
/// an `EngineError` naming its variable.
public struct EngineAssembly: Sendable {
  /// The engine's name (`gpt-4o`, `ollama-llama3.1`, `local`, or a model at `baseURL`).
  public var name: String
  /// An explicit base URL, or a comma-separated list of them for a pool.
  public var baseURL: String?
  /// The environment variable holding the key for `baseURL`.
  public var keyVariable: String?
  /// Calls in flight at once (per server in a pool).
  public var limit = 8
  /// Seconds one attempt may take.
  public var timeout = 600.0
  /// Attempts after the first.
  public var retries = 4
  /// What its tokens cost; nil: OpenAI's list price for its models, none for other servers.
  public var price: ModelPrice?
  /// Whether answers are kept in and read from the response cache.
  public var cache = true

  /// An assembly for `name` with the default limits.
  public init(name: String) {
    self.name = name
  }

  /// The engine and where it is served.
  public struct Engine: Sendable {
    /// Budget, then cache (when on), over the server or the embedded model.
    public let model: any LanguageModel
    /// Where its calls go, for display (never a key).
    public let location: String
    /// What its tokens cost, when known.
    public let price: ModelPrice?
    /// How its server scores a given text, nil when it cannot (OpenAI, Ollama, SGLang).
    public let scoring: TextScoring.Method?
  }

  /// The embedded model this assembly names (`local`, `local-1.5b` without a base URL), if any.
  public var localModel: LocalModel? { baseURL == nil ? LocalModel(engineName: name) : nil }

  /// Puts the engine together: the embedded model from `localServer`, any other from its
  /// endpoints in `environment`; spending counted against `budget`; the cache opened by `store`
  /// only when the cache is on.
  public func assemble(
    environment: [String: String], budget: CallBudget, store: () throws -> any ResponseStore,
    localServer: (LocalModel) -> LocalModelServer
  ) throws -> Engine {
    let served: any LanguageModel
    let location: String
    let price: ModelPrice?
    let scoring: TextScoring.Method?
    if let kind = localModel {
      served = LocalEngine(server: localServer(kind))
      location = "llama-server on 127.0.0.1, started on first use"
      price = self.price
      scoring = .forcedDecoding
    } else {
      let spec =
        try baseURL.map { try EngineSpec(model: name, baseURL: $0, keyVariable: keyVariable) }
        ?? EngineSpec(parsing: name)
      let endpoints = try spec.endpoints(in: environment)
      var configuration = OpenAICompatibleEngine.Configuration()
      configuration.maxConcurrentRequests = max(1, limit)
      configuration.requestTimeout = timeout
      configuration.retry.maxAttempts = retries + 1
      served = spec.engine(at: endpoints, configuration: configuration)
      location = endpoints.map(\.baseURL).joined(separator: ", ")
      let listPrice: ModelPrice? = if case .openAI(let model) = spec { ModelPrice.listPrice(for: model) } else { nil }
      price = self.price ?? listPrice
      switch spec {
      case .vllm: scoring = .promptLogProbabilities
      case .custom, .local: scoring = .forcedDecoding
      case .openAI, .ollama, .sglang: scoring = nil
      }
    }
    let budgeted = BudgetedEngine(base: served, budget: budget, price: price)
    let model: any LanguageModel = cache ? CachingEngine(base: budgeted, store: try store()) : budgeted
    return Engine(model: model, location: location, price: price, scoring: scoring)
  }
}
