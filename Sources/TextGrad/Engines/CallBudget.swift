import Foundation

/// Limits on the calls a session sends to models, and what has been spent against them.
///
/// Budgets nest: `push` opens an inner one (a block of code with its own limits) and `pop`
/// closes it; a call must fit every open budget. Only calls a model answers count, never those
/// a response cache or a notebook's record answers: a `BudgetedEngine` sits right above the
/// engine that sends requests. A call is reserved before it is sent, so a limit of N calls
/// sends at most N, however many are in flight; tokens are known only once a call has been
/// answered, so the calls in flight when a token limit is reached still finish. A refused call
/// waits for the calls in flight to end before it fails, so that their answers are kept (in
/// the response cache) and a later run with a larger budget need not send them again.
public final class CallBudget: @unchecked Sendable {
  /// What a budget allows; nil means no limit.
  public struct Limits: Sendable, Hashable, CustomStringConvertible {
    /// Calls a model answers.
    public var calls: Int?
    /// Prompt and completion tokens of those calls.
    public var tokens: Int?
    /// Dollars those calls cost, at their engines' prices (calls of engines without a price
    /// count nothing here).
    public var usd: Double?

    /// Limits of `calls` calls, `tokens` tokens and `usd` dollars.
    public init(calls: Int? = nil, tokens: Int? = nil, usd: Double? = nil) {
      self.calls = calls
      self.tokens = tokens
      self.usd = usd
    }

    /// `calls: 500, tokens: 200000, usd: 2`, as the language writes them.
    public var description: String {
      [calls.map { "calls: \($0)" }, tokens.map { "tokens: \($0)" }, usd.map { "usd: \(BudgetExhausted.dollars($0))" }]
        .compactMap { $0 }
        .joined(separator: ", ")
    }
  }

  /// One open budget and its spending.
  private struct Level {
    var limits: Limits
    var calls = 0
    var tokens = 0
    var usd = 0.0
  }

  private let lock = NSLock()
  /// The session's budget first, then the blocks' budgets, innermost last.
  private var levels: [Level] = [Level(limits: Limits())]
  /// Calls reserved and not yet ended.
  private var inFlight = 0
  /// Refused calls waiting for the calls in flight to end.
  private var drainWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
  private var nextWaiter: UInt64 = 0

  /// No limit yet.
  public init() {}

  /// Replaces the session's budget (the outermost), with nothing spent against it yet.
  public func setSessionLimits(_ limits: Limits) {
    lock.withLock { levels[0] = Level(limits: limits) }
  }

  /// Opens an inner budget; `pop` closes it.
  public func push(_ limits: Limits) {
    lock.withLock { levels.append(Level(limits: limits)) }
  }

  /// Closes the innermost budget opened by `push`.
  public func pop() {
    lock.withLock {
      if levels.count > 1 { levels.removeLast() }
    }
  }

  /// Reserves one call in every open budget; `end()` must follow once the call has ended.
  ///
  /// When a budget has no room left, waits until no reserved call is in flight and throws
  /// `BudgetExhausted` (or `CancellationError` if cancelled meanwhile).
  public func reserve() async throws {
    if let exhausted = tryReserve() {
      await drained()
      try Task.checkCancellation()
      throw exhausted
    }
  }

  /// A reserved call has ended, answered or not.
  public func end() {
    let woken = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
      inFlight -= 1
      guard inFlight == 0 else { return [] }
      defer { drainWaiters = [:] }
      return Array(drainWaiters.values)
    }
    for waiter in woken { waiter.resume() }
  }

  /// Returns once no reserved call is in flight, or at once when the task is cancelled.
  private func drained() async {
    let id = lock.withLock { () -> UInt64 in
      nextWaiter += 1
      return nextWaiter
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        let now = lock.withLock { () -> Bool in
          guard inFlight > 0, !Task.isCancelled else { return true }
          drainWaiters[id] = continuation
          return false
        }
        if now { continuation.resume() }
      }
    } onCancel: {
      let waiter = lock.withLock { drainWaiters.removeValue(forKey: id) }
      waiter?.resume()
    }
  }

  /// Reserves one call in every open budget, or returns why one of them has no room left.
  private func tryReserve() -> BudgetExhausted? {
    lock.withLock { () -> BudgetExhausted? in
      for level in levels.reversed() {
        if let limit = level.limits.calls, level.calls >= limit {
          return BudgetExhausted(limits: level.limits, calls: level.calls, tokens: level.tokens, reached: .calls)
        }
        if let limit = level.limits.tokens, level.tokens >= limit {
          return BudgetExhausted(limits: level.limits, calls: level.calls, tokens: level.tokens, reached: .tokens)
        }
        if let limit = level.limits.usd, level.usd >= limit {
          return BudgetExhausted(
            limits: level.limits, calls: level.calls, tokens: level.tokens, usd: level.usd, reached: .usd)
        }
      }
      for index in levels.indices { levels[index].calls += 1 }
      inFlight += 1
      return nil
    }
  }

  /// Counts the tokens of an answered call, and its cost at `price`, in every open budget.
  public func spend(_ response: ChatResponse, price: ModelPrice? = nil) {
    let cost = price?.cost(prompt: response.promptTokens, completion: response.completionTokens) ?? 0
    lock.withLock {
      for index in levels.indices {
        levels[index].tokens += response.promptTokens + response.completionTokens
        levels[index].usd += cost
      }
    }
  }

  /// What the innermost budget has spent: calls reserved and tokens of answered calls.
  public var spent: (calls: Int, tokens: Int) {
    lock.withLock { (levels[levels.count - 1].calls, levels[levels.count - 1].tokens) }
  }
}

/// A call refused because a budget has been spent.
public struct BudgetExhausted: Error, Sendable, Hashable, CustomStringConvertible {
  /// Which limit was reached.
  public enum Limit: String, Sendable, Hashable { case calls, tokens, usd }

  /// The budget's limits.
  public var limits: CallBudget.Limits
  /// Calls sent under it.
  public var calls: Int
  /// Tokens those calls took.
  public var tokens: Int
  /// Dollars they cost, at their engines' prices.
  public var usd: Double = 0
  /// The limit that refused the call.
  public var reached: Limit

  public var description: String {
    let spent =
      switch reached {
      case .calls: "\(calls) of \(limits.calls ?? 0) calls"
      case .tokens: "\(tokens) of \(limits.tokens ?? 0) tokens"
      case .usd: "$\(Self.dollars(usd)) of $\(Self.dollars(limits.usd ?? 0))"
      }
    return "budget reached (\(spent) spent under budget(\(limits))); running the same code with a larger budget "
      + "resumes it, repeating no call when the engine's response cache is on"
  }

  /// An amount with up to six decimals and no trailing zeros: `0.000036`, `2`.
  static func dollars(_ amount: Double) -> String {
    var text = String(format: "%.6f", amount)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
