import Foundation

/// A value that one thread sets once and any number of tasks await, without holding a thread
/// while they wait.
///
/// It bridges a callback on some other thread (a child's exit, a line read from a pipe) to
/// `async` code: a test's task must never block one of Swift's cooperative threads, of which a
/// two-core machine has two for every test running in parallel.
public final class Latch<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value?
  private var waiters: [CheckedContinuation<Value, Never>] = []

  /// A latch not yet set.
  public init() {}

  /// Sets the value and wakes every waiter, unless it was set before.
  ///
  /// Returns true when this call set it.
  @discardableResult
  public func resolve(_ newValue: Value) -> Bool {
    let woken = lock.withLock { () -> [CheckedContinuation<Value, Never>]? in
      guard value == nil else { return nil }
      value = newValue
      defer { waiters = [] }
      return waiters
    }
    guard let woken else { return false }
    for waiter in woken { waiter.resume(returning: newValue) }
    return true
  }

  /// Whether the value has been set.
  public var isResolved: Bool { lock.withLock { value != nil } }

  /// The value, once it has been set.
  public func value() async -> Value {
    await withCheckedContinuation { continuation in
      let ready = lock.withLock { () -> Value? in
        if let value { return value }
        waiters.append(continuation)
        return nil
      }
      if let ready { continuation.resume(returning: ready) }
    }
  }
}
