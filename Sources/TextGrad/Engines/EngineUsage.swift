import Foundation

/// A snapshot of what an engine has done: requests, tokens, cache hits and retries.
public struct EngineUsage: Hashable, Sendable {
  /// Requests answered (by the model or by the cache).
  public var calls = 0
  /// Requests that failed after all attempts.
  public var failures = 0
  /// Prompt tokens of answered requests.
  public var promptTokens = 0
  /// Completion tokens of answered requests.
  public var completionTokens = 0
  /// Requests answered from the cache.
  public var cacheHits = 0
  /// Requests answered by joining an identical request already in flight (single flight),
  /// also counted among `cacheHits`: they sent nothing.
  public var sharedHits = 0
  /// Prompt and completion tokens of the answers the cache gave (free, so not in the two
  /// counts above, but part of the work an experiment describes).
  public var cachedTokens = 0
  /// Extra attempts made after retryable failures.
  public var retries = 0
  /// Answers by the role of the call that asked for them (`CallRole.current`).
  public var roles: [CallRole: RoleUsage] = [:]

  /// Answers that stopped at their token limit, over all roles.
  public var truncated: Int { roles.values.reduce(0) { $0 + $1.truncated } }

  /// An empty tally.
  public init() {}

  /// Both tallies summed (the servers of a pool, the engines of a session).
  public static func + (lhs: EngineUsage, rhs: EngineUsage) -> EngineUsage {
    var sum = lhs
    sum.calls += rhs.calls
    sum.failures += rhs.failures
    sum.promptTokens += rhs.promptTokens
    sum.completionTokens += rhs.completionTokens
    sum.cacheHits += rhs.cacheHits
    sum.cachedTokens += rhs.cachedTokens
    sum.sharedHits += rhs.sharedHits
    sum.retries += rhs.retries
    sum.roles.merge(rhs.roles, uniquingKeysWith: +)
    return sum
  }
}

/// A thread-safe running tally of an engine's `EngineUsage`.
public final class UsageMeter: @unchecked Sendable {
  private let lock = NSLock()
  private var tally = EngineUsage()

  /// A meter at zero.
  public init() {}

  /// The tally so far.
  public var snapshot: EngineUsage {
    lock.withLock { tally }
  }

  /// Counts one answered request; tokens count only when the model, not the cache, answered.
  public func recordAnswer(_ response: ChatResponse) {
    let role = CallRole.current
    lock.withLock {
      tally.calls += 1
      if response.shared { tally.sharedHits += 1 }
      tally.roles[role, default: RoleUsage()].add(response)
      if response.cached {
        tally.cacheHits += 1
        tally.cachedTokens += response.promptTokens + response.completionTokens
      } else {
        tally.promptTokens += response.promptTokens
        tally.completionTokens += response.completionTokens
      }
    }
  }

  /// Runs `call` and counts its answer, or its failure unless it was cancelled.
  public func measure(_ call: () async throws -> ChatResponse) async throws -> ChatResponse {
    let response = try await countingFailure(call)
    recordAnswer(response)
    return response
  }

  /// Runs `call` and counts its failure unless it was cancelled; its answer is the caller's
  /// to count.
  public func countingFailure<T: Sendable>(_ call: () async throws -> T) async throws -> T {
    do {
      return try await call()
    } catch {
      if !(error is CancellationError) { recordFailure() }
      throw error
    }
  }

  /// Counts one request that failed for good.
  public func recordFailure() {
    lock.withLock { tally.failures += 1 }
  }

  /// Counts one retry.
  public func recordRetry() {
    lock.withLock { tally.retries += 1 }
  }
}
