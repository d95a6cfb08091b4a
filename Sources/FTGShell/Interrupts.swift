import Dispatch
import Foundation

/// Runs one evaluation at a time in its own `Task` and cancels it when interrupted.
///
/// The interpreter checks `Task.isCancelled` between steps, so a cancelled evaluation
/// stops at the next check and keeps every binding it had already made.
final class EvaluationInterrupter: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelRunning: (@Sendable () -> Void)?
  private var interruptions = 0

  /// Cancels the evaluation in progress and counts how often it has been interrupted.
  ///
  /// Returns 0 when nothing is running; more than 1 means the evaluation has not reached a
  /// cancellation check yet.
  @discardableResult
  func interrupt() -> Int {
    lock.withLock {
      guard let cancelRunning else { return 0 }
      interruptions += 1
      cancelRunning()
      return interruptions
    }
  }

  /// Runs `work` in a new task and waits for it; nil when it was interrupted.
  func run<Result: Sendable>(
    _ work: @escaping @Sendable () async -> Result
  ) async -> Result? {
    let task = Task { await work() }
    lock.withLock {
      interruptions = 0
      cancelRunning = { task.cancel() }
    }
    let result = await task.value
    let interrupted = lock.withLock {
      cancelRunning = nil
      return interruptions > 0
    }
    return interrupted ? nil : result
  }
}

/// The write end of the pipe the SIGINT handler writes to; -1 before `InterruptSignal` starts.
nonisolated(unsafe) private var interruptPipeWriteEnd: Int32 = -1

/// Delivers SIGINT (Ctrl-C) to an `EvaluationInterrupter` instead of ending the process.
///
/// An evaluation stuck where it never checks for cancellation can still be escaped: the
/// second Ctrl-C says so, the third ends ftg with status 130.
/// The handler only writes a byte to a pipe (all it may safely do inside a signal handler);
/// a dispatch source reading the pipe does the rest. A handler, unlike a dispatch signal
/// source (a signalfd on Linux), sees the signal whichever thread the kernel delivers it to,
/// so no Ctrl-C is lost while threads with different signal masks run. At the prompt,
/// libedit sees Ctrl-C as a key (see `EditLineReader`), so this only matters while an
/// evaluation runs.
final class InterruptSignal {
  private let source: (any DispatchSourceRead)?

  /// Starts routing SIGINT to `interrupter` until this object is released.
  init(interrupter: EvaluationInterrupter, host: any ShellHost) {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else {
      source = nil
      return
    }
    _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
    _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
    interruptPipeWriteEnd = ends[1]
    let reader = DispatchSource.makeReadSource(fileDescriptor: ends[0], queue: .global())
    reader.setEventHandler { [readEnd = ends[0]] in
      var bytes = [UInt8](repeating: 0, count: 16)
      let count = read(readEnd, &bytes, bytes.count)
      for _ in 0..<max(0, count) {
        switch interrupter.interrupt() {
        case 2: host.writeError("still stopping; press Ctrl-C again to quit ftg\n")
        case 3...: Foundation.exit(130)
        default: break
        }
      }
    }
    reader.setCancelHandler { [readEnd = ends[0]] in close(readEnd) }
    reader.resume()
    source = reader
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      var byte: UInt8 = 1
      _ = write(interruptPipeWriteEnd, &byte, 1)
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = SA_RESTART
    sigaction(SIGINT, &action, nil)
    // A parent may have started ftg with SIGINT blocked; Ctrl-C must reach us all the same.
    var interruptOnly = sigset_t()
    sigemptyset(&interruptOnly)
    sigaddset(&interruptOnly, SIGINT)
    sigprocmask(SIG_UNBLOCK, &interruptOnly, nil)
  }

  deinit {
    signal(SIGINT, SIG_DFL)
    guard let source else { return }
    source.cancel()
    close(interruptPipeWriteEnd)
    interruptPipeWriteEnd = -1
  }
}
