/// Why the response cache could not open, read or write its database.
///
/// Descriptions name the database file and give SQLite's own message.
public struct CacheError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The database file.
  public let path: String
  /// What was being done (`open`, `read`, `write`, ...).
  public let operation: String
  /// SQLite's message, or another explanation.
  public let detail: String
  /// Whether another connection held the lock (worth waiting for, unlike other failures).
  public var busy = false

  /// What went wrong, with the file.
  public var description: String {
    "response cache \(path): cannot \(operation): \(detail)"
  }
}
