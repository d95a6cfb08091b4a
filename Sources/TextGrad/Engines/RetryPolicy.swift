import Foundation

/// How often and how patiently an engine retries a request that failed in a retryable way.
///
/// The wait before attempt n+1 is `baseDelay * 2^(n-1)`, capped at `maxDelay`, times a
/// random factor in 0.5...1 (jitter, so many clients do not retry in step); a `Retry-After`
/// from the server replaces it, capped at `maxRetryAfter`.
public struct RetryPolicy: Hashable, Sendable {
  /// Attempts in all, the first included (1 means no retries).
  public var maxAttempts: Int
  /// The wait before the first retry, in seconds.
  public var baseDelay: Double
  /// The longest computed wait, in seconds.
  public var maxDelay: Double
  /// The longest wait a server's `Retry-After` may impose, in seconds.
  public var maxRetryAfter: Double

  /// A policy with the given bounds (defaults suit remote APIs).
  public init(
    maxAttempts: Int = 5, baseDelay: Double = 1, maxDelay: Double = 30,
    maxRetryAfter: Double = 120
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = max(0, baseDelay)
    self.maxDelay = max(0, maxDelay)
    self.maxRetryAfter = max(0, maxRetryAfter)
  }

  /// Whether another attempt follows attempt number `attempt` (counted from 1) failing so.
  public func shouldRetry(after error: EngineError, attempt: Int) -> Bool {
    error.isRetryable && attempt < maxAttempts
  }

  /// Seconds to wait after attempt number `attempt` (counted from 1) failed with `error`.
  public func delay(after error: EngineError, attempt: Int) -> Double {
    if let retryAfter = error.retryAfter { return min(max(0, retryAfter), maxRetryAfter) }
    let exponent = Double(min(max(0, attempt - 1), 30))
    let capped = min(maxDelay, baseDelay * pow(2, exponent))
    return capped * Double.random(in: 0.5...1)
  }
}
