import Foundation

/// Requests being answered right now, by key, so that an identical request arriving meanwhile
/// waits for the answer under way instead of sending its own (single flight).
///
/// The first caller of a key starts the work; later callers join it. A failure reaches every
/// caller that waited for it. The work is cancelled once every caller waiting for it has been
/// cancelled; a cancelled caller whose companions still wait gets the answer with them.
final class InFlightRequests: @unchecked Sendable {
  private struct Entry {
    let work: Task<ChatResponse, any Error>
    /// Callers waiting for it that have not been cancelled.
    var waiters: Int
  }

  private let lock = NSLock()
  private var entries: [RequestKey: Entry] = [:]
  /// Told, outside the lock, how many callers wait for a key each time one joins (tests see
  /// through it that callers are waiting together).
  private let onJoin: @Sendable (_ key: RequestKey, _ waiters: Int) -> Void

  /// No request in flight; `onJoin` hears every caller that joins one.
  init(onJoin: @escaping @Sendable (_ key: RequestKey, _ waiters: Int) -> Void = { _, _ in }) {
    self.onJoin = onJoin
  }

  /// The answer for `key`: from the work already under way for it (`joined` true), or from
  /// `work`, started now and shared with whoever asks for `key` before it ends.
  func answer(
    for key: RequestKey, work: @escaping @Sendable () async throws -> ChatResponse
  ) async throws -> (response: ChatResponse, joined: Bool) {
    let (task, joinedWaiters) = lock.withLock { () -> (Task<ChatResponse, any Error>, Int?) in
      if var entry = entries[key] {
        entry.waiters += 1
        entries[key] = entry
        return (entry.work, entry.waiters)
      }
      let task = Task { try await work() }
      entries[key] = Entry(work: task, waiters: 1)
      return (task, nil)
    }
    if let joinedWaiters { onJoin(key, joinedWaiters) }
    defer { finished(key, task) }
    let response = try await withTaskCancellationHandler {
      try await task.value
    } onCancel: {
      self.abandon(key, task)
    }
    return (response, joinedWaiters != nil)
  }

  /// A waiter was cancelled: once no caller waits any more, the work is cancelled and
  /// forgotten, so a later request starts afresh.
  private func abandon(_ key: RequestKey, _ task: Task<ChatResponse, any Error>) {
    let cancel = lock.withLock { () -> Bool in
      guard var entry = entries[key], entry.work == task else { return false }
      entry.waiters -= 1
      entries[key] = entry.waiters == 0 ? nil : entry
      return entry.waiters == 0
    }
    if cancel { task.cancel() }
  }

  /// The work has ended: later requests start afresh (and find its answer in the store when
  /// it was saved).
  private func finished(_ key: RequestKey, _ task: Task<ChatResponse, any Error>) {
    lock.withLock {
      if entries[key]?.work == task { entries[key] = nil }
    }
  }
}
