import CCurl
import Foundation

/// One thread that runs the process's chat transfers together on a libcurl multi handle.
///
/// Any task may hand it a transfer; the loop adds it to the multi handle, drives every
/// running transfer with `curl_multi_perform`, sleeps in `curl_multi_poll` until a socket is
/// ready or a new transfer or a cancellation wakes it, and resumes each waiting task when its
/// transfer ends. So no thread is started per request, and the multi handle's connection cache
/// lets all transfers to a server share open connections. A cancelled transfer is removed at
/// the next wake-up and its task gets `CancellationError`.
final class CurlEventLoop: @unchecked Sendable {
  /// The loop every engine uses; its thread starts with the first transfer.
  static let shared = CurlEventLoop()

  /// Idle easy handles kept for reuse, at most.
  private let idleLimit = 256

  private let lock = NSLock()
  private var multi: UnsafeMutableRawPointer?
  private var startFailure: String?
  /// Transfers handed in and not yet added, and transfers cancelled while running.
  private var arriving: [CurlTransfer] = []
  private var cancelling: [CurlTransfer] = []

  // Touched by the loop thread only.
  private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
  private var idle: [UnsafeMutableRawPointer] = []

  /// Runs `transfer` and returns the server's reply, whatever its status.
  ///
  /// Throws `CancellationError` when the calling task is cancelled, `EngineError` for
  /// transport failures (libcurl's message included).
  func perform(_ transfer: CurlTransfer) async throws -> HTTPReply {
    try start(for: transfer.url)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        guard transfer.awaitReply(continuation) else {
          continuation.resume(throwing: CancellationError())
          return
        }
        lock.withLock { arriving.append(transfer) }
        wake()
      }
    } onCancel: {
      transfer.cancel()
      lock.withLock { cancelling.append(transfer) }
      wake()
    }
  }

  /// Interrupts the loop's `curl_multi_poll` so it takes new work at once.
  private func wake() {
    if let multi = lock.withLock({ multi }) { curl_multi_wakeup(multi) }
  }

  /// Creates the multi handle and starts the loop thread on first use.
  private func start(for url: String) throws {
    let failure = lock.withLock { () -> String? in
      if multi == nil, startFailure == nil {
        if let message = LibcurlGlobal.ensureInitialized() {
          startFailure = "libcurl could not start: \(message)"
        } else if let handle = curl_multi_init() {
          multi = handle
          let thread = Thread { [self] in loop() }
          thread.name = "ftg-curl"
          thread.start()
        } else {
          startFailure = "libcurl could not create a multi handle"
        }
      }
      return multi == nil ? startFailure ?? "libcurl is unavailable" : nil
    }
    if let failure { throw EngineError.transportFailed(url: url, detail: failure) }
  }

  private func loop() {
    guard let multi = lock.withLock({ self.multi }) else { return }
    while true {
      let (added, cancelled) = lock.withLock {
        defer {
          arriving.removeAll(keepingCapacity: true)
          cancelling.removeAll(keepingCapacity: true)
        }
        return (arriving, cancelling)
      }
      for transfer in added { add(transfer, to: multi) }
      for transfer in cancelled { remove(transfer, from: multi, outcome: .failure(CancellationError())) }
      var stillRunning: Int32 = 0
      curl_multi_perform(multi, &stillRunning)
      collectFinished(multi)
      curl_multi_poll(multi, nil, 0, 1000, nil)
    }
  }

  private func add(_ transfer: CurlTransfer, to multi: UnsafeMutableRawPointer) {
    guard !transfer.isCancelled else { return transfer.finish(.failure(CancellationError())) }
    guard let handle = idle.popLast() ?? curl_easy_init() else {
      return transfer.finish(
        .failure(EngineError.transportFailed(url: transfer.url, detail: "libcurl could not create a handle")))
    }
    transfer.attach(to: handle)
    let code = curl_multi_add_handle(multi, handle)
    guard code == CURLM_OK else {
      recycle(handle)
      let message = String(cString: curl_multi_strerror(code))
      return transfer.finish(.failure(EngineError.transportFailed(url: transfer.url, detail: message)))
    }
    running[handle] = transfer
  }

  private func remove(
    _ transfer: CurlTransfer, from multi: UnsafeMutableRawPointer,
    outcome: Result<HTTPReply, any Error>
  ) {
    guard let handle = transfer.handle, running[handle] === transfer else { return }
    running[handle] = nil
    curl_multi_remove_handle(multi, handle)
    recycle(handle)
    transfer.finish(outcome)
  }

  private func collectFinished(_ multi: UnsafeMutableRawPointer) {
    var queued: Int32 = 0
    while let message = curl_multi_info_read(multi, &queued) {
      guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
        let transfer = running[handle]
      else { continue }
      let outcome = transfer.outcome(message.pointee.data.result)
      remove(transfer, from: multi, outcome: outcome)
    }
  }

  private func recycle(_ handle: UnsafeMutableRawPointer) {
    if idle.count < idleLimit {
      idle.append(handle)
    } else {
      curl_easy_cleanup(handle)
    }
  }
}
