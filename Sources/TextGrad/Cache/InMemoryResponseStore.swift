import Foundation

/// A store in memory, for tests and short-lived sessions.
public final class InMemoryResponseStore: ResponseStore, @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [String: ChatResponse] = [:]

  /// An empty store.
  public init() {}

  /// How many answers are stored.
  public var count: Int { lock.withLock { entries.count } }

  /// The stored answer for `key`, if any.
  public func response(for key: RequestKey) async throws -> ChatResponse? {
    lock.withLock { entries[key.hex] }
  }

  /// Stores `response` under `key`.
  public func save(_ response: ChatResponse, for key: RequestKey) async throws {
    lock.withLock { entries[key.hex] = response }
  }
}
