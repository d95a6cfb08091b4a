import Foundation

/// One engine over several servers of the same model (a lab's vLLM or SGLang replicas).
///
/// Each call goes to the server with the fewest calls outstanding (ties in turn), within each
/// server's in-flight limit: calls beyond the pool's free slots wait in one line for the first
/// slot to free, wherever it frees, so a faster server, freeing its slots sooner, takes more
/// calls. A call that fails in a way worth retrying (a refused or lost
/// connection, a timeout, 429, 5xx, an unreadable answer) is tried again on another server, up
/// to the pool's attempts; a server that could not be reached is taken out for a while, then
/// probed with one call and taken back when it answers. Which server answered never changes a
/// result: the response cache and notebook records are keyed without the server.
public final class EnginePool: LanguageModel, @unchecked Sendable {
  /// The servers, each an engine with its own in-flight limit and no retries of its own.
  public let members: [any LanguageModel]
  /// How often and how long to try a failing call again, across the servers.
  public let retry: RetryPolicy
  /// Seconds a server that could not be reached stays out before one call probes it.
  public let probeDelay: Double
  /// Calls one server holds at once.
  public let perServerLimit: Int
  /// The pool's free slots, `perServerLimit` for each server.
  private let slots: AsyncSemaphore

  private struct Health {
    var outstanding = 0
    var outUntil: ContinuousClock.Instant?
    var probing = false
  }

  private let lock = NSLock()
  private var health: [Health]
  private var turn = 0
  private var retries = 0

  /// A pool of `members` (at least one), each holding at most `perServerLimit` calls at once,
  /// retrying with `retry` across them.
  public init(
    members: [any LanguageModel], perServerLimit: Int = 8, retry: RetryPolicy = RetryPolicy(), probeDelay: Double = 2
  ) {
    precondition(!members.isEmpty, "an engine pool needs at least one server")
    self.members = members
    self.retry = retry
    self.probeDelay = probeDelay
    self.perServerLimit = max(1, perServerLimit)
    slots = AsyncSemaphore(limit: self.perServerLimit * members.count)
    health = Array(repeating: Health(), count: members.count)
  }

  /// The servers' model.
  public var model: String { members[0].model }

  /// The servers' usage summed, with the pool's retries.
  public var usage: EngineUsage {
    var total = members.map(\.usage).reduce(EngineUsage(), +)
    total.retries += lock.withLock { retries }
    return total
  }

  /// The calls each server has answered, in the order of `members` (for spread checks).
  public var callsPerServer: [Int] { members.map(\.usage.calls) }

  /// Asks the least busy server that is in, trying others when one fails.
  public func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try await attempt { try await $0.complete(request) }
  }

  /// As `complete(_:)`, streaming the answer to `sink`.
  public func complete(_ request: ChatRequest, streamingTo sink: @escaping TextSink) async throws -> ChatResponse {
    try await attempt { try await $0.complete(request, streamingTo: sink) }
  }

  /// A retryable failure of one server, and which server it was.
  private struct ServerFailure: Error {
    let index: Int
    let error: EngineError
  }

  private func attempt(_ call: (any LanguageModel) async throws -> ChatResponse) async throws -> ChatResponse {
    var attempt = 1
    var last: Int?
    while true {
      do {
        return try await slots.withPermit { [last] in try await once(call, avoiding: last) }
      } catch let failure as ServerFailure {
        let (index, error) = (failure.index, failure.error)
        guard retry.shouldRetry(after: error, attempt: attempt) else { throw error }
        lock.withLock { retries += 1 }
        CallLedger.current?.recordRetry()
        if members.count == 1 || error.retryAfter != nil {
          try await Task.sleep(for: .seconds(retry.delay(after: error, attempt: attempt)))
        }
        attempt += 1
        last = index
      }
    }
  }

  /// One try on the server `choose` picks, holding one of the pool's slots.
  private func once(_ call: (any LanguageModel) async throws -> ChatResponse, avoiding last: Int?) async throws
    -> ChatResponse
  {
    let index = try await choose(avoiding: last)
    do {
      let response = try await call(members[index])
      finish(index, reachable: true)
      return response
    } catch let error as EngineError where error.isRetryable {
      finish(index, reachable: !error.isConnectionFailure)
      throw ServerFailure(index: index, error: error)
    } catch {
      finish(index, reachable: true)
      throw error
    }
  }

  /// The server for the next call.
  ///
  /// Among those in (or due a probe), the one with the fewest calls outstanding, taking turns on
  /// ties and avoiding `avoiding` when another is in. Waits when every server is out.
  private func choose(avoiding: Int?) async throws -> Int {
    while true {
      let now = ContinuousClock.now
      let (chosen, wait) = lock.withLock { () -> (Int?, Duration?) in
        let count = health.count
        var best: Int?
        for offset in 0..<count {
          let index = (turn + offset) % count
          let member = health[index]
          if let until = member.outUntil, until > now || member.probing { continue }
          if index == avoiding, count > 1, health.indices.contains(where: { $0 != index && isIn($0, now) }) {
            continue
          }
          if best == nil || member.outstanding < health[best ?? 0].outstanding { best = index }
        }
        guard let best else {
          let soonest = health.compactMap(\.outUntil).min() ?? now
          return (nil, max(.milliseconds(10), soonest - now))
        }
        if health[best].outUntil != nil { health[best].probing = true }
        health[best].outstanding += 1
        turn = (best + 1) % count
        return (best, nil)
      }
      if let chosen { return chosen }
      try await Task.sleep(for: wait ?? .milliseconds(10))
    }
  }

  /// Whether server `index` takes calls now (it is in, or due a probe nobody is making).
  private func isIn(_ index: Int, _ now: ContinuousClock.Instant) -> Bool {
    guard let until = health[index].outUntil else { return true }
    return until <= now && !health[index].probing
  }

  /// A call on server `index` ended: a server that could not be reached goes out for
  /// `probeDelay` seconds, one that answered (a probe included) is in.
  private func finish(_ index: Int, reachable: Bool) {
    lock.withLock {
      health[index].outstanding -= 1
      health[index].probing = false
      health[index].outUntil = reachable ? nil : ContinuousClock.now + .seconds(probeDelay)
    }
  }
}
