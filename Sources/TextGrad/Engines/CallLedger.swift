import Foundation

/// Where a call belongs in an experiment: the phase of a run, its round and the client that
/// made it (none for the server's merges and evaluations).
///
/// Like `CallRole`, it travels with the calling task (a task-local value), so the code that
/// runs a round or a client says it once and the ledger underneath sees it on every call.
public struct CallAttribution: Sendable, Hashable, Codable, Comparable {
  /// The part of a run a call belongs to.
  public enum Phase: String, Sendable, Hashable, Codable, CaseIterable {
    /// The starting prompts measured before training.
    case zeroShot = "zero_shot"
    /// A training round: local steps, the merge and the validation after it.
    case round
    /// The final tests.
    case test
    /// Outside a run.
    case other
  }

  /// The part of the run.
  public var phase: Phase
  /// The round, from 1, for `round`.
  public var round: Int?
  /// The client, by id, for its local steps.
  public var client: Int?

  /// The attribution of a call made during `phase`.
  public init(_ phase: Phase, round: Int? = nil, client: Int? = nil) {
    self.phase = phase
    self.round = round
    self.client = client
  }

  /// The attribution of the calls the current task makes.
  @TaskLocal public static var current = CallAttribution(.other)

  /// Runs `body` with its calls attributed to `attribution`.
  public static func during<T: Sendable>(
    _ attribution: CallAttribution, _ body: () async throws -> T
  ) async rethrows -> T {
    try await $current.withValue(attribution, operation: body)
  }

  /// Zero-shot first, then rounds in order (the server's calls of a round after its clients'),
  /// then the tests.
  public static func < (lhs: CallAttribution, rhs: CallAttribution) -> Bool {
    let order = Phase.allCases
    func rank(_ a: CallAttribution) -> (Int, Int, Int) {
      (order.firstIndex(of: a.phase) ?? 0, a.round ?? 0, a.client ?? Int.max)
    }
    return rank(lhs) < rank(rhs)
  }
}

/// What the calls of one attribution and role cost: one row of a run's ledger.
public struct LedgerRow: Sendable, Hashable, Codable {
  /// Where the calls belong.
  public var attribution: CallAttribution
  /// What they were for.
  public var role: CallRole
  /// Answers received, from a model, a cache or a record.
  public var calls = 0
  /// Prompt tokens of the answers a model gave now.
  public var promptTokens = 0
  /// Completion tokens of the answers a model gave now.
  public var completionTokens = 0
  /// Answers the response cache gave (shared ones included).
  public var cacheHits = 0
  /// Answers shared with an identical request in flight.
  public var shared = 0
  /// Answers a notebook's record gave.
  public var recordHits = 0
  /// Calls that failed for good.
  public var failures = 0
  /// Extra attempts made after retryable failures (nil in rows written before they were kept).
  public var retries: Int? = 0
  /// Seconds the answers a model gave took, summed.
  public var latency = 0.0
  /// Dollars the answers a model gave cost, at their engines' prices (nil when an engine
  /// answering here has no price).
  public var usd: Double? = 0

  /// An empty row for `role` under `attribution`.
  public init(attribution: CallAttribution, role: CallRole) {
    self.attribution = attribution
    self.role = role
  }
}

/// Every call of a run, counted per phase, round, client and role.
///
/// A run opens one and makes it `current` for its calls; the engine layer that sees every
/// answer (the language's gate, which also answers from notebook records) reports to it.
public final class CallLedger: @unchecked Sendable {
  private struct Key: Hashable {
    var attribution: CallAttribution
    var role: CallRole
  }

  private let lock = NSLock()
  private var entries: [Key: LedgerRow] = [:]

  /// The ledger the current task's calls are counted in, if any.
  @TaskLocal public static var current: CallLedger?

  /// A ledger holding `rows` (a resumed run's, from its checkpoint).
  public init(rows: [LedgerRow] = []) {
    for row in rows { entries[Key(attribution: row.attribution, role: row.role)] = row }
  }

  /// Counts one answer under the current attribution and role; `fromRecord` when a notebook's
  /// record gave it; `price` is its engine's, when known.
  public func record(_ response: ChatResponse, fromRecord: Bool = false, price: ModelPrice? = nil) {
    update { row in
      row.calls += 1
      if fromRecord {
        row.recordHits += 1
      } else if response.cached {
        row.cacheHits += 1
        if response.shared { row.shared += 1 }
      } else {
        row.promptTokens += response.promptTokens
        row.completionTokens += response.completionTokens
        row.latency += response.latency
        let cost = price?.cost(prompt: response.promptTokens, completion: response.completionTokens)
        row.usd = cost.flatMap { cost in row.usd.map { $0 + cost } }
      }
    }
  }

  /// Counts one call that failed for good under the current attribution and role.
  public func recordFailure() {
    update { $0.failures += 1 }
  }

  /// Counts one more attempt of a call under the current attribution and role.
  public func recordRetry() {
    update { $0.retries = ($0.retries ?? 0) + 1 }
  }

  /// The rows so far, in run order, roles in table order within an attribution.
  public var rows: [LedgerRow] {
    lock.withLock { Array(entries.values) }.sorted {
      ($0.attribution, $0.role) < ($1.attribution, $1.role)
    }
  }

  private func update(_ change: (inout LedgerRow) -> Void) {
    let key = Key(attribution: CallAttribution.current, role: CallRole.current)
    lock.withLock {
      var row = entries[key] ?? LedgerRow(attribution: key.attribution, role: key.role)
      change(&row)
      entries[key] = row
    }
  }
}
