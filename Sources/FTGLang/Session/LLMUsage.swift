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
