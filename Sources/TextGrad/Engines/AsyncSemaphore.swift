import Foundation

/// A counting semaphore for tasks: at most `limit` holders at a time, others wait in order.
///
/// Waiting is cancellable: a cancelled waiter leaves the queue and throws `CancellationError`.
public final class AsyncSemaphore: @unchecked Sendable {
  private struct Waiter {
    let id: UInt64
    let continuation: CheckedContinuation<Void, any Error>
  }

  private let lock = NSLock()
  private var available: Int
  private var waiters: [Waiter] = []
  private var nextID: UInt64 = 0

  /// A semaphore with `limit` permits (at least one).
  public init(limit: Int) {
    available = max(1, limit)
  }

  /// How many tasks wait for a permit now.
  var queued: Int { lock.withLock { waiters.count } }

  /// Runs `body` while holding a permit.
  public func withPermit<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    try await acquire()
    defer { release() }
    return try await body()
  }

  private func acquire() async throws {
    let id = lock.withLock {
      nextID += 1
      return nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (continuation: CheckedContinuation<Void, any Error>) in
        enqueue(Waiter(id: id, continuation: continuation))
      }
    } onCancel: {
      let removed = lock.withLock { () -> Waiter? in
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index)
      }
      removed?.continuation.resume(throwing: CancellationError())
    }
  }

  private func enqueue(_ waiter: Waiter) {
    enum Outcome { case granted, cancelled, queued }
    let outcome = lock.withLock { () -> Outcome in
      if Task.isCancelled { return .cancelled }
      if available > 0 {
        available -= 1
        return .granted
      }
      waiters.append(waiter)
      return .queued
    }
    switch outcome {
    case .granted: waiter.continuation.resume()
    case .cancelled: waiter.continuation.resume(throwing: CancellationError())
    case .queued: break
    }
  }

  private func release() {
    let next = lock.withLock { () -> Waiter? in
      if waiters.isEmpty {
        available += 1
        return nil
      }
      return waiters.removeFirst()
    }
    next?.continuation.resume()
  }
}
