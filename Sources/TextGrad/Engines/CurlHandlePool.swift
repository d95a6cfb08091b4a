import CCurl
import Foundation

/// A pool of libcurl easy handles, so that consecutive requests reuse open connections.
///
/// Each handle keeps its own connection cache across `curl_easy_reset`; a handle is lent to
/// one transfer at a time, and at most `capacity` idle handles are kept.
final class CurlHandlePool: @unchecked Sendable {
  private let lock = NSLock()
  private var idle: [UnsafeMutableRawPointer] = []
  private let capacity: Int

  /// A pool keeping at most `capacity` idle handles.
  init(capacity: Int) {
    self.capacity = max(1, capacity)
  }

  deinit {
    for handle in idle { curl_easy_cleanup(handle) }
  }

  /// Runs `body` with a handle from the pool (or a new one), then returns it to the pool.
  func withHandle<T>(url: String, _ body: (UnsafeMutableRawPointer) throws -> T) throws -> T {
    if let message = LibcurlGlobal.ensureInitialized() {
      throw EngineError.transportFailed(url: url, detail: "libcurl could not start: \(message)")
    }
    guard let handle = take() else {
      throw EngineError.transportFailed(url: url, detail: "libcurl could not create a handle")
    }
    defer { giveBack(handle) }
    return try body(handle)
  }

  private func take() -> UnsafeMutableRawPointer? {
    if let handle = lock.withLock({ idle.popLast() }) { return handle }
    return curl_easy_init()
  }

  private func giveBack(_ handle: UnsafeMutableRawPointer) {
    let kept = lock.withLock { () -> Bool in
      guard idle.count < capacity else { return false }
      idle.append(handle)
      return true
    }
    if !kept { curl_easy_cleanup(handle) }
  }
}
