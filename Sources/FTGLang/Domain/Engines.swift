import TextGrad

/// The settings `engine(...)` accepts besides the name.
struct EngineOptions: Hashable {
  var temperature: Double = 0
  var baseURL: String?
  var keyVariable: String?
  var limit: Int = 8
  /// Whether answers are kept in and read from the user's response cache.
  var cache = true
  /// The longest answer a request may get when it does not say: FedTextGrad's 2000 (0: the
  /// server's default).
  var maxTokens = 2000
  /// Nucleus sampling mass of requests that do not say: FedTextGrad's 0.99 (1 sends none).
  var topP = 0.99
  /// Frequency penalty of requests that do not say (nil sends none).
  var frequencyPenalty: Double?
  /// How many of the latest tokens the penalties count, sent as llama.cpp's `repeat_last_n`
  /// (nil sends none).
  var penaltyWindow: Int?
  /// Whether optimizer requests carry a grammar that forces the `<IMPROVED_VARIABLE>` tags
  /// (llama.cpp's servers accept one; nil: only for `local`).
  var grammar: Bool?
  /// Seconds one attempt of a request may take, from connecting to the last byte.
  var timeout: Double = 600
  /// Attempts after the first when a request fails in a way worth retrying.
  var retries = 4
  /// What the engine's tokens cost (`price: [prompt, completion]` dollars per million); nil:
  /// OpenAI's list price for its models, none for other servers.
  var price: ModelPrice?

  static let labels = [
    "temperature", "base", "key_env", "limit", "cache", "max_tokens", "top_p", "frequency_penalty", "penalty_window",
    "grammar", "timeout", "retries", "price",
  ]

  init() {}

  /// The options given to `engine(name, ...)`, checked.
  init(_ args: Arguments) throws {
    if let t = args.labelled("temperature") { temperature = try Prelude.number(t, "temperature") }
    if let l = args.labelled("limit") { limit = try Arguments.integer(l.value, name: "limit", at: l.range) }
    if let m = args.labelled("max_tokens") {
      maxTokens = try Arguments.integer(m.value, name: "max_tokens", at: m.range)
      guard maxTokens >= 0 else {
        throw Diagnostic(
          Messages.argumentType("max_tokens", expected: "a count of 0 or more", got: m.value.described), at: m.range)
      }
    }
    if let f = args.labelled("frequency_penalty") {
      let penalty = try Prelude.number(f, "frequency_penalty")
      guard (-2...2).contains(penalty) else {
        throw Diagnostic(
          Messages.argumentType("frequency_penalty", expected: "a number in [-2, 2]", got: f.value.described),
          at: f.range)
      }
      frequencyPenalty = penalty
    }
    if let w = args.labelled("penalty_window") {
      let window = try Arguments.integer(w.value, name: "penalty_window", at: w.range)
      guard window >= -1 else {
        throw Diagnostic(
          Messages.argumentType(
            "penalty_window", expected: "a count of tokens (-1: the whole context)", got: w.value.described),
          at: w.range)
      }
      penaltyWindow = window
    }
    if let p = args.labelled("top_p") {
      topP = try Prelude.number(p, "top_p")
      guard topP > 0, topP <= 1 else {
        throw Diagnostic(
          Messages.argumentType("top_p", expected: "a number in (0, 1]", got: p.value.described), at: p.range)
      }
    }
    if let t = args.labelled("timeout") {
      timeout = try Prelude.number(t, "timeout")
      guard timeout > 0 else {
        throw Diagnostic(
          Messages.argumentType("timeout", expected: "seconds above 0", got: t.value.described), at: t.range)
      }
    }
    if let r = args.labelled("retries") {
      retries = try Arguments.integer(r.value, name: "retries", at: r.range)
      guard retries >= 0 else {
        throw Diagnostic(
          Messages.argumentType("retries", expected: "a count of 0 or more", got: r.value.described), at: r.range)
      }
    }
    grammar = try args.labelledBool("grammar")
    if let given = args.labelled("price") {
      guard case .list(let items) = given.value, items.count == 2,
        case .number(let prompt) = items[0], case .number(let completion) = items[1], prompt >= 0, completion >= 0
      else {
        throw Diagnostic(
          Messages.argumentType(
            "price", expected: "[prompt, completion] dollars per million tokens", got: given.value.described),
          at: given.range)
      }
      price = ModelPrice(prompt: prompt, completion: completion)
    }
    if let given = args.labelled("base") {
      // One URL, a comma-separated list, or a list of URLs: several make a pool.
      if case .list(let items) = given.value {
        baseURL = try items.map { try Prelude.string(($0, given.range), "base") }.joined(separator: ",")
      } else {
        baseURL = try Prelude.string(given, "base")
      }
    }
    keyVariable = try args.labelled("key_env").map { try Prelude.string($0, "key_env") }
    cache = try args.labelledBool("cache") ?? cache
  }
}

extension EngineOptions {
  /// The embedded model's defaults.
  ///
  /// They are a frequency penalty of 0.5 over the latest 512 tokens, which stops the 0.5B model's
  /// repetition loops (measured in docs/protocol.md, "The embedded model"), and optimizer replies
  /// held to their tags by a grammar. Given options win.
  var forLocalModel: EngineOptions {
    var options = self
    if options.frequencyPenalty == nil { options.frequencyPenalty = 0.5 }
    if options.penaltyWindow == nil { options.penaltyWindow = 512 }
    if options.grammar == nil { options.grammar = true }
    return options
  }

  /// `base` behind the session's call gate, with these options' answer length, top-p,
  /// frequency penalty, penalty window and optimizer grammar.
  func gated(_ base: any LanguageModel, gate: CallGate, price: ModelPrice? = nil) -> GatedEngine {
    GatedEngine(
      base: base, gate: gate, defaultMaxTokens: maxTokens > 0 ? maxTokens : nil,
      defaultTopP: topP < 1 ? topP : nil, defaultFrequencyPenalty: frequencyPenalty,
      defaultPenaltyWindow: penaltyWindow, optimizerGrammar: grammar == true ? OptimizerPrompts.grammar : nil,
      price: price ?? self.price)
  }
}

/// Making engines from names, as FedTextGrad names them, for the language.
enum Engines {
  static func make(
    name: String, options: EngineOptions, interpreter: Interpreter, at range: SourceRange
  ) throws -> EngineObject {
    let domain = interpreter.domain
    if let dryRun = domain.dryRun {
      return domain.engine("dry|\(name)|\(options)") {
        EngineObject(
          name: name, model: options.gated(dryRun, gate: domain.gate), location: "a dry run (no model)",
          temperature: options.temperature)
      }
    }
    if let kind = LocalModel(engineName: name), options.baseURL == nil {
      return try local(kind, options: options, interpreter: interpreter, at: range)
    }
    return try remote(name: name, options: options, interpreter: interpreter, at: range)
  }

  /// An embedded model (`local`, `local-1.5b`): ftg starts its llama-server on loopback at the
  /// first request.
  private static func local(
    _ kind: LocalModel, options given: EngineOptions, interpreter: Interpreter, at range: SourceRange
  ) throws -> EngineObject {
    let options = given.forLocalModel
    let domain = interpreter.domain
    return try domain.engine("\(kind.rawValue)|\(options)") {
      do {
        let base = BudgetedEngine(
          base: LocalEngine(server: domain.localServer(kind)), budget: domain.budget, price: options.price)
        let cached: any LanguageModel = options.cache ? CachingEngine(base: base, store: try domain.cache()) : base
        return EngineObject(
          name: kind.rawValue, model: options.gated(cached, gate: domain.gate),
          location: "llama-server on 127.0.0.1, started on first use", temperature: options.temperature)
      } catch {
        throw Diagnostic("\(error)", at: range)
      }
    }
  }

  private static func remote(
    name: String, options: EngineOptions, interpreter: Interpreter, at range: SourceRange
  ) throws -> EngineObject {
    let key = "\(name)|\(options)"
    return try interpreter.domain.engine(key) {
      do {
        let spec: EngineSpec
        if let base = options.baseURL {
          spec = try EngineSpec(model: name, baseURL: base, keyVariable: options.keyVariable)
        } else {
          spec = try EngineSpec(parsing: name)
        }
        let domain = interpreter.domain
        let endpoints = try spec.endpoints(in: domain.environment)
        var configuration = OpenAICompatibleEngine.Configuration()
        configuration.maxConcurrentRequests = max(1, options.limit)
        configuration.requestTimeout = options.timeout
        configuration.retry.maxAttempts = options.retries + 1
        let listPrice: ModelPrice? = if case .openAI(let model) = spec { ModelPrice.listPrice(for: model) } else { nil }
        let price = options.price ?? listPrice
        let remote = BudgetedEngine(
          base: try spec.makeEngine(environment: domain.environment, configuration: configuration, store: nil),
          budget: domain.budget, price: price)
        let cached: any LanguageModel = options.cache ? CachingEngine(base: remote, store: try domain.cache()) : remote
        let model = options.gated(cached, gate: domain.gate, price: price)
        return EngineObject(
          name: name, model: model, location: endpoints.map(\.baseURL).joined(separator: ", "),
          temperature: options.temperature)
      } catch {
        throw Diagnostic("\(error)", at: range)
      }
    }
  }
}
