import CSQLite
import Foundation

/// One connection to a SQLite database file, with the few calls the response cache needs.
///
/// Not thread-safe by itself: `SQLiteResponseStore` uses it only on one serial queue.
final class SQLiteConnection: @unchecked Sendable {
  let path: String
  private let database: OpaquePointer
  /// Prepared statements by their SQL, compiled once and reset after each use.
  private var statements: [String: OpaquePointer] = [:]

  /// Opens (creating if needed) the database at `path`, waiting up to `busyTimeout` seconds
  /// for other writers' locks.
  init(path: String, busyTimeout: Double) throws(CacheError) {
    self.path = path
    var handle: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let status = sqlite3_open_v2(path, &handle, flags, nil)
    guard status == SQLITE_OK, let handle else {
      let detail = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close(handle)
      throw CacheError(path: path, operation: "open", detail: detail)
    }
    database = handle
    sqlite3_busy_timeout(database, Int32(busyTimeout * 1000))
  }

  deinit {
    for statement in statements.values { sqlite3_finalize(statement) }
    sqlite3_close_v2(database)
  }

  /// Runs SQL statements that return no rows.
  func execute(_ sql: String, operation: String) throws(CacheError) {
    var message: UnsafeMutablePointer<CChar>?
    guard sqlite3_exec(database, sql, nil, nil, &message) == SQLITE_OK else {
      let detail = message.map { String(cString: $0) } ?? lastError
      sqlite3_free(message)
      throw failure(operation, detail: detail)
    }
  }

  /// Runs one statement with text parameters; returns the first column of each row as text.
  @discardableResult
  func query(_ sql: String, _ parameters: [String], operation: String) throws(CacheError)
    -> [String]
  {
    let statement = try prepared(sql, operation: operation)
    defer {
      sqlite3_reset(statement)
      sqlite3_clear_bindings(statement)
    }
    for (index, parameter) in parameters.enumerated() {
      sqlite3_bind_text(statement, Int32(index + 1), parameter, -1, ftg_sqlite_transient())
    }
    var rows: [String] = []
    while true {
      switch sqlite3_step(statement) {
      case SQLITE_ROW:
        if let text = sqlite3_column_text(statement, 0) { rows.append(String(cString: text)) }
      case SQLITE_DONE:
        return rows
      default:
        throw failure(operation, detail: lastError)
      }
    }
  }

  private func prepared(_ sql: String, operation: String) throws(CacheError) -> OpaquePointer {
    if let statement = statements[sql] { return statement }
    var statement: OpaquePointer?
    let flags = UInt32(SQLITE_PREPARE_PERSISTENT)
    guard sqlite3_prepare_v3(database, sql, -1, flags, &statement, nil) == SQLITE_OK, let statement
    else { throw failure(operation, detail: lastError) }
    statements[sql] = statement
    return statement
  }

  private var lastError: String { String(cString: sqlite3_errmsg(database)) }

  /// The error of the last failed call, saying whether a lock was the cause and what to do
  /// about a file that is not a database.
  private func failure(_ operation: String, detail: String) -> CacheError {
    let code = sqlite3_errcode(database) & 0xff
    let hint =
      code == SQLITE_NOTADB || code == SQLITE_CORRUPT
      ? " (move the file away, or set FTG_CACHE_DIR to another folder)" : ""
    var error = CacheError(path: path, operation: operation, detail: detail + hint)
    error.busy = code == SQLITE_BUSY || code == SQLITE_LOCKED
    return error
  }
}
