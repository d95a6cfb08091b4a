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
  /// Prompt and completion tokens of the answers a cache gave.
  public var cachedTokens = 0
  /// Requests answered by joining an identical request in flight, also among `cacheHits`.
  public var sharedHits = 0
  /// Requests that failed for good.
  public var failures = 0
  /// Answers by the role of the call (forward, judge, backward, optimizer, merge, evaluation).
  public var roles: [CallRole: RoleUsage] = [:]

  /// Answers that stopped at their token limit, over all roles.
  public var truncated: Int { roles.values.reduce(0) { $0 + $1.truncated } }
  /// Degenerate answers (a repeated span filling the reply), over all roles.
  public var degenerate: Int { roles.values.reduce(0) { $0 + $1.degenerate } }

  /// Every token of every answer, from a model or a cache: the work the run describes,
  /// the same whatever the cache held.
  public var tokens: Int { promptTokens + completionTokens + cachedTokens }

  /// An empty tally.
  public init() {}

  private enum CodingKeys: String, CodingKey {
    case calls, promptTokens, completionTokens, cacheHits, cachedTokens, sharedHits, failures, roles
  }

  /// Reads a tally; checkpoints written before `cachedTokens`, `sharedHits` or `roles` existed
  /// read them as 0 and empty.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    calls = try container.decode(Int.self, forKey: .calls)
    promptTokens = try container.decode(Int.self, forKey: .promptTokens)
    completionTokens = try container.decode(Int.self, forKey: .completionTokens)
    cacheHits = try container.decode(Int.self, forKey: .cacheHits)
    cachedTokens = try container.decodeIfPresent(Int.self, forKey: .cachedTokens) ?? 0
    sharedHits = try container.decodeIfPresent(Int.self, forKey: .sharedHits) ?? 0
    failures = try container.decode(Int.self, forKey: .failures)
    roles = try container.decodeIfPresent([CallRole: RoleUsage].self, forKey: .roles) ?? [:]
  }

  /// The tally of one engine's usage.
  public init(_ usage: EngineUsage) {
    calls = usage.calls
    promptTokens = usage.promptTokens
    completionTokens = usage.completionTokens
    cacheHits = usage.cacheHits
    cachedTokens = usage.cachedTokens
    sharedHits = usage.sharedHits
    failures = usage.failures
    roles = usage.roles
  }

  /// The sum of two tallies.
  public static func + (lhs: UsageTally, rhs: UsageTally) -> UsageTally {
    var sum = lhs
    sum.calls += rhs.calls
    sum.promptTokens += rhs.promptTokens
    sum.completionTokens += rhs.completionTokens
    sum.cacheHits += rhs.cacheHits
    sum.cachedTokens += rhs.cachedTokens
    sum.sharedHits += rhs.sharedHits
    sum.failures += rhs.failures
    sum.roles.merge(rhs.roles, uniquingKeysWith: +)
    return sum
  }

  /// What `lhs` counts beyond `rhs` (usage since an earlier snapshot).
  public static func - (lhs: UsageTally, rhs: UsageTally) -> UsageTally {
    var difference = lhs
    difference.calls -= rhs.calls
    difference.promptTokens -= rhs.promptTokens
    difference.completionTokens -= rhs.completionTokens
    difference.cacheHits -= rhs.cacheHits
    difference.cachedTokens -= rhs.cachedTokens
    difference.sharedHits -= rhs.sharedHits
    difference.failures -= rhs.failures
    for (role, usage) in rhs.roles {
      difference.roles[role] = (difference.roles[role] ?? RoleUsage()) - usage
    }
    difference.roles = difference.roles.filter { $0.value != RoleUsage() }
    return difference
  }

  /// The summed usage of engines already made distinct.
  static func total(of distinctEngines: [any LanguageModel]) -> UsageTally {
    distinctEngines.reduce(UsageTally()) { $0 + UsageTally($1.usage) }
  }

  /// Each engine of `engines` once: a federation's clients mostly share one engine, and a
  /// simulated client's engine reports its base engine's usage, so that engine counts instead.
  ///
  /// Engines are told apart by object identity, so they should be classes, as all of
  /// TextGrad's engines are.
  static func distinct(_ engines: [any LanguageModel]) -> [any LanguageModel] {
    var seen: Set<ObjectIdentifier> = []
    return engines.map { ($0 as? ProfiledEngine)?.base ?? $0 }.filter {
      seen.insert(ObjectIdentifier($0 as AnyObject)).inserted
    }
  }
}
