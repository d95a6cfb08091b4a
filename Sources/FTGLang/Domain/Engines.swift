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

/// Making engines from names, as FedTextGrad names them, for the language: TextGrad's
/// `EngineAssembly` puts the engine together; the language puts it behind the session's call
/// gate with its request defaults.
enum Engines {
  static func make(
    name: String, options given: EngineOptions, interpreter: Interpreter, at range: SourceRange
  ) throws -> EngineObject {
    let domain = interpreter.domain
    if let dryRun = domain.dryRun {
      return domain.engine("dry|\(name)|\(given)") {
        EngineObject(
          name: name, model: given.gated(dryRun, gate: domain.gate), location: "a dry run (no model)",
          temperature: given.temperature)
      }
    }
    var assembly = EngineAssembly(name: name)
    assembly.baseURL = given.baseURL
    assembly.keyVariable = given.keyVariable
    assembly.limit = given.limit
    assembly.timeout = given.timeout
    assembly.retries = given.retries
    assembly.price = given.price
    assembly.cache = given.cache
    // The embedded model's request defaults stop its repetition loops.
    let options = assembly.localModel == nil ? given : given.forLocalModel
    return try domain.engine("\(assembly.localModel?.rawValue ?? name)|\(options)") {
      do {
        let engine = try assembly.assemble(
          environment: domain.environment, budget: domain.budget, store: { try domain.cache() },
          localServer: domain.localServer)
        return EngineObject(
          name: name, model: options.gated(engine.model, gate: domain.gate, price: engine.price),
          location: engine.location, temperature: options.temperature, scoring: engine.scoring)
      } catch {
        throw Diagnostic("\(error)", at: range, kind: DomainArguments.kind(of: error))
      }
    }
  }
}
