import Foundation

/// The user's persistent response cache: a SQLite database in WAL mode.
///
/// Many processes and tasks may read and write it at once (writers wait for each other's
/// locks up to a busy timeout). Answers saved while a write is under way are committed
/// together in the next transaction (a burst of answers costs a few commits, not one each);
/// `save` returns once its answer is committed, so a killed process loses only answers whose
/// save had not returned.
public final class SQLiteResponseStore: ResponseStore, @unchecked Sendable {
  /// The database file.
  public let path: String
  private let connection: SQLiteConnection
  private let queue: DispatchQueue
  /// A second connection for lookups, used in place under `readLock`: in WAL mode a read
  /// never waits for a writer, so it needs no trip to the queue.
  private let reader: SQLiteConnection
  private let readLock = NSLock()
  private let lock = NSLock()
  /// Answers waiting for the next commit, and whether a commit is scheduled on the queue.
  private var pending: [PendingSave] = []
  private var commitScheduled = false

  /// One answer to insert and the caller waiting for its commit.
  private struct PendingSave {
    var row: [String]
    var continuation: CheckedContinuation<Void, any Error>
  }

  /// The cache file `cache.sqlite` in `$FTG_CACHE_DIR`, or in `~/.cache/ftg` when unset.
  public static func defaultPath(environment: [String: String]) -> String {
    if let directory = environment["FTG_CACHE_DIR"], !directory.isEmpty {
      return (directory as NSString).appendingPathComponent("cache.sqlite")
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return (home as NSString).appendingPathComponent(".cache/ftg/cache.sqlite")
  }

  /// Opens (creating folder, file and table as needed) the cache database at `path`.
  public init(path: String, busyTimeout: Double = 30) throws(CacheError) {
    self.path = path
    let directory = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CacheError(path: path, operation: "create its folder", detail: "\(error)")
    }
    connection = try SQLiteConnection(path: path, busyTimeout: busyTimeout)
    // Switching to WAL does not wait on SQLite's busy handler: when another process opens the
    // same new file at the same moment it fails at once, so retry until the busy timeout.
    let deadline = Date().addingTimeInterval(busyTimeout)
    while true {
      do {
        try connection.query("PRAGMA journal_mode = WAL", [], operation: "enable WAL mode")
        break
      } catch {
        guard error.busy, Date() < deadline else { throw error }
        Thread.sleep(forTimeInterval: 0.02)
      }
    }
    try connection.execute(
      """
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS responses (
        key TEXT PRIMARY KEY,
        request TEXT NOT NULL,
        response TEXT NOT NULL,
        saved_at REAL NOT NULL
      );
      """, operation: "create its table")
    reader = try SQLiteConnection(path: path, busyTimeout: 0)
    queue = DispatchQueue(label: "ftg.response-cache")
  }

  /// The stored answer for `key`, marked as cached.
  ///
  /// An entry that does not decode (damaged by hand or by another program) is a miss: the live
  /// answer then replaces it.
  public func response(for key: RequestKey) async throws -> ChatResponse? {
    guard let rows = try readInPlace(key) else {
      // Only while another process recovers the log; wait for it off the cooperative pool.
      return Self.storedResponse(
        in: try await run { try $0.query(Self.lookup, [key.hex], operation: "read") })
    }
    return Self.storedResponse(in: rows)
  }

  /// The lookup's rows, read on the reader connection; nil while the database is busy.
  private func readInPlace(_ key: RequestKey) throws -> [String]? {
    do {
      return try readLock.withLock { try reader.query(Self.lookup, [key.hex], operation: "read") }
    } catch let error as CacheError where error.busy {
      return nil
    }
  }

  private static let lookup = "SELECT response FROM responses WHERE key = ?"

  // Decoding and encoding are done in synchronous helpers, off the async frames that every
  // call in flight holds.

  /// The answer in a lookup's rows, marked cached; nil when there is none or it is damaged.
  private static func storedResponse(in rows: [String]) -> ChatResponse? {
    guard let json = rows.first,
      var response = try? JSONDecoder().decode(ChatResponse.self, from: Data(json.utf8))
    else { return nil }
    response.cached = true
    return response
  }

  /// Stores `response` (with the request's canonical JSON, for inspection) under `key`.
  public func save(_ response: ChatResponse, for key: RequestKey) async throws {
    let row = Self.row(response, for: key)
    try await withCheckedThrowingContinuation { continuation in
      let schedule = lock.withLock { () -> Bool in
        pending.append(PendingSave(row: row, continuation: continuation))
        defer { commitScheduled = true }
        return !commitScheduled
      }
      if schedule { queue.async { self.commitPending() } }
    }
  }

  /// The `responses` row that stores `response` under `key`.
  private static func row(_ response: ChatResponse, for key: RequestKey) -> [String] {
    [key.hex, key.canonicalJSON, response.storedJSON, String(Date().timeIntervalSince1970)]
  }

  /// On the queue: writes every pending answer in one transaction and tells their callers.
  private func commitPending() {
    let batch = lock.withLock {
      commitScheduled = false
      defer { pending = [] }
      return pending
    }
    guard !batch.isEmpty else { return }
    let outcome = Result { () throws(CacheError) in
      try connection.execute("BEGIN IMMEDIATE", operation: "write")
      do throws(CacheError) {
        for save in batch {
          try connection.query(
            "INSERT OR REPLACE INTO responses (key, request, response, saved_at) VALUES (?, ?, ?, ?)",
            save.row, operation: "write")
        }
        try connection.execute("COMMIT", operation: "write")
      } catch {
        try? connection.execute("ROLLBACK", operation: "write")
        throw error
      }
    }
    for save in batch { save.continuation.resume(with: outcome.mapError { $0 as any Error }) }
  }

  /// How many answers are stored.
  public func count() async throws -> Int {
    let rows = try await run {
      try $0.query("SELECT COUNT(*) FROM responses", [], operation: "count")
    }
    return rows.first.flatMap { Int($0) } ?? 0
  }

  /// Runs `body` on the store's serial queue, off Swift's cooperative threads (a write may
  /// wait for another process's lock).
  private func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T)
    async throws -> T
  {
    let connection = self.connection
    return try await withCheckedThrowingContinuation { continuation in
      queue.async { continuation.resume(with: Result { try body(connection) }) }
    }
  }
}
