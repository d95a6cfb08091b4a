import TextGrad

/// What the session's engines have done so far: the shell shows the change after each entry.
public struct LLMUsage: Sendable, Equatable {
  public var calls = 0
  public var tokens = 0
  public var cacheHits = 0

  public init(calls: Int = 0, tokens: Int = 0, cacheHits: Int = 0) {
    self.calls = calls
    self.tokens = tokens
    self.cacheHits = cacheHits
  }

  /// The usage since `earlier`, worded for a summary line (empty when no call was made).
  public func since(_ earlier: LLMUsage) -> [String] {
    let calls = self.calls - earlier.calls
    guard calls > 0 else { return [] }
    return [
      "\(calls) LLM call\(calls == 1 ? "" : "s")", "\(tokens - earlier.tokens) tokens",
      "\(cacheHits - earlier.cacheHits) cache hit\(cacheHits - earlier.cacheHits == 1 ? "" : "s")",
    ]
  }
}

extension Session {
  /// The calls, tokens and cache hits of every engine made in this session.
  public var llmUsage: LLMUsage {
    interpreter.domain.engines.values.reduce(into: LLMUsage()) { total, engine in
      let usage = engine.model.usage
      total.calls += usage.calls
      total.tokens += usage.promptTokens + usage.completionTokens
      total.cacheHits += usage.cacheHits
    }
  }
}

extension Session {
  /// What every engine of the session has done, one row each and a total.
  ///
  /// The columns are calls, tokens (the billable ones: those a model answered now), cache hits,
  /// shared answers, retries, failures and dollars at the engine's price (blank when it has
  /// none). Nil before any engine answered.
  public var costTable: String? {
    let engines = interpreter.domain.engines.values.sorted { $0.name < $1.name }
    let usages = engines.map(\.model.usage)
    guard usages.contains(where: { $0.calls + $0.failures > 0 }) else { return nil }
    func row(_ name: String, _ model: String, _ usage: EngineUsage, _ usd: Double?) -> [Value] {
      [
        .string(name), .string(model), .number(Double(usage.calls)), .number(Double(usage.promptTokens)),
        .number(Double(usage.completionTokens)), .number(Double(usage.cacheHits)), .number(Double(usage.sharedHits)),
        .number(Double(usage.retries)), .number(Double(usage.failures)), usd.map(Value.number) ?? .null,
      ]
    }
    let costs = engines.map(\.usd)
    let billed = zip(usages, costs).filter { $0.0.promptTokens + $0.0.completionTokens > 0 }
    let totalCost = billed.allSatisfy { $0.1 != nil } ? billed.compactMap(\.1).reduce(0, +) : nil
    let rows =
      zip(engines, zip(usages, costs)).map { row($0.name, $0.model.model, $1.0, $1.1) }
      + [row("total", "", usages.reduce(EngineUsage(), +), totalCost)]
    return Table(
      columns: [
        "engine", "model", "calls", "prompt_tokens", "completion_tokens", "cache_hits", "shared", "retries", "failures",
        "usd",
      ], cells: rows
    ).rendered
  }
}

extension Session {
  /// Starts a shell entry: `explanation` will list its calls only.
  public func beginEntry() {
    interpreter.domain.gate.beginEntry()
  }

  /// The LLM calls of the last entry, one numbered line each: role, model, how it was answered
  /// (tokens and time, the cache, a shared call, the record) or that it failed, and what it asked.
  public var explanation: String { interpreter.domain.gate.explanation }
}

extension Session {
  /// Turns stepping through LLM calls on, with the front end that shows them, or off (nil).
  public func step(with stepper: (any CallStepper)?) {
    interpreter.domain.gate.step(with: stepper)
  }
}
