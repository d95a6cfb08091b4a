import CCurl
import Foundation

/// One thread that runs the process's HTTP transfers (chat calls and downloads) together on
/// a libcurl multi handle.
///
/// Any task may hand it a transfer. The loop adds it to the multi handle and then waits in
/// `epoll_wait` on the sockets libcurl asks it to watch (and on an eventfd that new transfers
/// and cancellations write to), telling libcurl only about the sockets that are ready
/// (`curl_multi_socket_action`), so each wake-up costs what the ready transfers need however
/// many are in flight. When a transfer ends its waiting task is resumed. No thread is started
/// per request, and the multi handle's connection cache lets all transfers to a server share
/// open connections. A cancelled transfer is removed at the next wake-up and its task gets
/// `CancellationError`.
final class CurlEventLoop: @unchecked Sendable {
  /// The loop every engine uses; its thread starts with the first transfer.
  static let shared = CurlEventLoop()

  /// Idle easy handles kept for reuse, at most.
  private let idleLimit = 256
  /// Open connections kept for reuse, at most.
  private let connectionLimit = 512

  private let lock = NSLock()
  private var multi: UnsafeMutableRawPointer?
  private var epoll: Int32 = -1
  private var wakeUp: Int32 = -1
  private var startFailure: String?
  /// Transfers handed in and not yet added, and transfers cancelled while running.
  private var arriving: [CurlTransfer] = []
  private var cancelling: [CurlTransfer] = []

  // Touched by the loop thread only (libcurl calls its callbacks on that thread).
  private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
  private var idle: [UnsafeMutableRawPointer] = []
  /// When libcurl wants `CURL_SOCKET_TIMEOUT` handled next, if at all.
  private var timerDeadline: ContinuousClock.Instant?

  /// Runs `transfer` and returns the server's reply, whatever its status.
  ///
  /// Throws `CancellationError` when the calling task is cancelled, `CurlFailure` when the
  /// transfer could not be made (libcurl's code and message included).
  func perform(_ transfer: CurlTransfer) async throws -> HTTPReply {
    try start()
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

  /// Interrupts the loop's wait so it takes new work at once.
  private func wake() {
    let descriptor = lock.withLock { wakeUp }
    if descriptor >= 0 { _ = eventfd_write(descriptor, 1) }
  }

  /// Creates the multi handle, the epoll set and the wake-up eventfd, and starts the loop
  /// thread, on first use.
  private func start() throws(CurlFailure) {
    let failure = lock.withLock { () -> String? in
      if multi == nil, startFailure == nil { startFailure = setUp() }
      return multi == nil ? startFailure ?? "libcurl is unavailable" : nil
    }
    if let failure { throw .setup(message: failure) }
  }

  /// Called with the lock held; returns why the loop cannot run, or nil once it runs.
  private func setUp() -> String? {
    if let message = LibcurlGlobal.ensureInitialized() { return "libcurl could not start: \(message)" }
    let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
    let wakeUp = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
    guard epoll >= 0, wakeUp >= 0, ftg_epoll_watch(epoll, wakeUp, 1, 0) == 0 else {
      let reason = String(cString: strerror(errno))
      if epoll >= 0 { close(epoll) }
      if wakeUp >= 0 { close(wakeUp) }
      return "cannot set up the transfer loop: \(reason)"
    }
    guard let handle = curl_multi_init() else {
      close(epoll)
      close(wakeUp)
      return "libcurl could not create a multi handle"
    }
    let context = Unmanaged.passUnretained(self).toOpaque()
    _ = ftg_curl_multi_set_socket_function(handle, watchSocket)
    _ = ftg_curl_multi_set_pointer(handle, CURLMOPT_SOCKETDATA, context)
    _ = ftg_curl_multi_set_timer_function(handle, timerChanged)
    _ = ftg_curl_multi_set_pointer(handle, CURLMOPT_TIMERDATA, context)
    // Keep connections open between bursts of calls (libcurl otherwise sizes its cache by the
    // transfers running now, and closes what a burst opened as soon as it ends).
    _ = ftg_curl_multi_set_long(handle, CURLMOPT_MAXCONNECTS, connectionLimit)
    (self.multi, self.epoll, self.wakeUp) = (handle, epoll, wakeUp)
    let thread = Thread { [self] in loop() }
    thread.name = "ftg-curl"
    thread.start()
    return nil
  }

  private func loop() {
    guard let (multi, epoll, wakeUp) = lock.withLock({ multi.map { ($0, epoll, wakeUp) } }) else { return }
    let capacity: Int32 = 256
    var descriptors = [Int32](repeating: 0, count: Int(capacity))
    var flags = [Int32](repeating: 0, count: Int(capacity))
    var stillRunning: Int32 = 0
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
      let ready = ftg_epoll_wait(epoll, &descriptors, &flags, capacity, waitMilliseconds())
      for index in 0..<Int(max(0, ready)) {
        if descriptors[index] == wakeUp {
          var count: eventfd_t = 0
          _ = eventfd_read(wakeUp, &count)
        } else {
          curl_multi_socket_action(multi, descriptors[index], flags[index], &stillRunning)
        }
      }
      if let deadline = timerDeadline, deadline <= .now {
        timerDeadline = nil
        curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &stillRunning)
      }
      collectFinished(multi)
    }
  }

  /// How long the loop may sleep: until libcurl's timer is due, or until woken.
  private func waitMilliseconds() -> Int32 {
    guard let deadline = timerDeadline else { return -1 }
    let left = deadline - .now
    guard left > .zero else { return 0 }
    let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
    return Int32(min(milliseconds + 1, 60_000))
  }

  private func add(_ transfer: CurlTransfer, to multi: UnsafeMutableRawPointer) {
    guard !transfer.isCancelled else { return transfer.finish(.failure(CancellationError())) }
    guard let handle = idle.popLast() ?? curl_easy_init() else {
      return transfer.finish(.failure(CurlFailure.setup(message: "libcurl could not create a handle")))
    }
    transfer.attach(to: handle)
    let code = curl_multi_add_handle(multi, handle)
    guard code == CURLM_OK else {
      recycle(handle)
      let message = String(cString: curl_multi_strerror(code))
      return transfer.finish(.failure(CurlFailure.setup(message: message)))
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

  // MARK: - What libcurl asks for (on the loop thread)

  fileprivate func watch(_ socket: curl_socket_t, what: Int32) {
    let readable: Int32 = what == CURL_POLL_IN || what == CURL_POLL_INOUT ? 1 : 0
    let writable: Int32 = what == CURL_POLL_OUT || what == CURL_POLL_INOUT ? 1 : 0
    _ = ftg_epoll_watch(epoll, socket, readable, writable)
  }

  fileprivate func setTimer(milliseconds: Int) {
    timerDeadline = milliseconds < 0 ? nil : .now + .milliseconds(milliseconds)
  }
}

// MARK: - libcurl's multi callbacks

private func eventLoop(_ context: UnsafeMutableRawPointer?) -> CurlEventLoop? {
  guard let context else { return nil }
  return Unmanaged<CurlEventLoop>.fromOpaque(context).takeUnretainedValue()
}

private let watchSocket:
  @convention(c) (
    UnsafeMutableRawPointer?, curl_socket_t, Int32, UnsafeMutableRawPointer?,
    UnsafeMutableRawPointer?
  ) -> Int32 = { _, socket, what, context, _ in
    eventLoop(context)?.watch(socket, what: what)
    return 0
  }

private let timerChanged: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Int32 = {
  _, milliseconds, context in
  eventLoop(context)?.setTimer(milliseconds: milliseconds)
  return 0
}
