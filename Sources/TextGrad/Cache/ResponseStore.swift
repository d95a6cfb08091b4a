/// A place where answers to requests are kept by `RequestKey`: the user's SQLite cache, a
/// notebook's record, or memory.
///
/// Stores must be safe to call from many tasks at once.
public protocol ResponseStore: Sendable {
  /// The stored answer for `key`, or `nil` when there is none.
  func response(for key: RequestKey) async throws -> ChatResponse?
  /// Keeps `response` as the answer for `key`, replacing an earlier one.
  func save(_ response: ChatResponse, for key: RequestKey) async throws
}
