import Foundation

/// A state that changes as things happen elsewhere (a server reports a request), and tasks
/// that wait until it satisfies a condition: a test waits for the event itself instead of
/// sleeping and hoping it has happened.
///
/// A wait for a condition that never holds ends only when its task is cancelled; suites that
/// wait give themselves a time limit, which cancels the test, so that such a failure is
/// reported, not hung.
public final class Watched<State: Sendable>: @unchecked Sendable {
  private struct Waiter {
    let condition: @Sendable (State) -> Bool
    let continuation: CheckedContinuation<State, any Error>
  }

  private let lock = NSLock()
  private var state: State
  private var waiters: [UInt64: Waiter] = [:]
  private var nextWaiter: UInt64 = 0

  /// Starts from `state`.
  public init(_ state: State) {
    self.state = state
  }

  /// The state now.
  public var current: State { lock.withLock { state } }

  /// Changes the state and wakes the waiters whose condition now holds.
  public func update(_ change: (inout State) -> Void) {
    let (woken, now) = lock.withLock { () -> ([Waiter], State) in
      change(&state)
      let now = state
      let ready = waiters.filter { $0.value.condition(now) }
      for id in ready.keys { waiters[id] = nil }
      return (Array(ready.values), now)
    }
    for waiter in woken { waiter.continuation.resume(returning: now) }
  }

  /// Returns the first state for which `condition` holds (at once if it holds already);
  /// throws `CancellationError` if the task is cancelled first.
  @discardableResult
  public func wait(until condition: @escaping @Sendable (State) -> Bool) async throws -> State {
    let id = lock.withLock { () -> UInt64 in
      nextWaiter += 1
      return nextWaiter
    }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let outcome = lock.withLock { () -> Result<State, any Error>? in
          if Task.isCancelled { return .failure(CancellationError()) }
          if condition(state) { return .success(state) }
          waiters[id] = Waiter(condition: condition, continuation: continuation)
          return nil
        }
        if let outcome { continuation.resume(with: outcome) }
      }
    } onCancel: {
      lock.withLock { waiters.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
    }
  }
}
