import TextGrad

/// Calls and tokens spent, summed over a run's engines; recorded per round and in total.
public struct UsageTally: Sendable, Hashable, Codable {
  /// Requests answered (by a model or a cache).
  public var calls = 0
  /// Prompt tokens of requests a model answered.
  public var promptTokens = 0
  /// Completion tokens of requests a model answered.
  public var completionTokens = 0
  /// Requests answered from a cache.
  public var cacheHits = 0
  /// Requests that failed for good.
  public var failures = 0

  /// An empty tally.
  public init() {}

  /// The tally of one engine's usage.
  public init(_ usage: EngineUsage) {
    calls = usage.calls
    promptTokens = usage.promptTokens
    completionTokens = usage.completionTokens
    cacheHits = usage.cacheHits
    failures = usage.failures
  }

  /// The cost in the price unit given, from prices per million prompt and completion tokens
  /// (cache hits are free: their tokens are not counted).
  public func cost(promptPerMillion: Double, completionPerMillion: Double) -> Double {
    (Double(promptTokens) * promptPerMillion + Double(completionTokens) * completionPerMillion)
      / 1_000_000
  }

  /// The sum of two tallies.
  public static func + (lhs: UsageTally, rhs: UsageTally) -> UsageTally {
    var sum = lhs
    sum.calls += rhs.calls
    sum.promptTokens += rhs.promptTokens
    sum.completionTokens += rhs.completionTokens
    sum.cacheHits += rhs.cacheHits
    sum.failures += rhs.failures
    return sum
  }

  /// What `lhs` counts beyond `rhs` (usage since an earlier snapshot).
  public static func - (lhs: UsageTally, rhs: UsageTally) -> UsageTally {
    var difference = lhs
    difference.calls -= rhs.calls
    difference.promptTokens -= rhs.promptTokens
    difference.completionTokens -= rhs.completionTokens
    difference.cacheHits -= rhs.cacheHits
    difference.failures -= rhs.failures
    return difference
  }

  /// The summed usage of `engines`, each object counted once.
  ///
  /// Engines are told apart by object identity, so they should be classes, as all of
  /// TextGrad's engines are.
  static func snapshot(of engines: [any LanguageModel]) -> UsageTally {
    var seen: Set<ObjectIdentifier> = []
    var total = UsageTally()
    for engine in engines where seen.insert(ObjectIdentifier(engine as AnyObject)).inserted {
      total = total + UsageTally(engine.usage)
    }
    return total
  }
}
