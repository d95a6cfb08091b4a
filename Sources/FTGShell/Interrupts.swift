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

/// Delivers SIGINT (Ctrl-C) to an `EvaluationInterrupter` instead of ending the process.
///
/// An evaluation stuck where it never checks for cancellation can still be escaped: the
/// second Ctrl-C says so, the third ends ftg with status 130.
/// The signal's default action is replaced by `SIG_IGN` and a dispatch signal source
/// observes it, so no code of ours runs inside a raw signal handler. At the prompt,
/// libedit sees Ctrl-C as a key (see `EditLineReader`), so this only matters while an
/// evaluation runs.
final class InterruptSignal {
  private let source: any DispatchSourceSignal

  /// Starts routing SIGINT to `interrupter` until this object is released.
  init(interrupter: EvaluationInterrupter, host: any ShellHost) {
    // A parent may have started ftg with SIGINT blocked; Ctrl-C must reach us all the same.
    var interruptOnly = sigset_t()
    sigemptyset(&interruptOnly)
    sigaddset(&interruptOnly, SIGINT)
    sigprocmask(SIG_UNBLOCK, &interruptOnly, nil)
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
      switch interrupter.interrupt() {
      case 2: host.writeError("still stopping; press Ctrl-C again to quit ftg\n")
      case 3...: Foundation.exit(130)
      default: break
      }
    }
    source.resume()
  }

  deinit {
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
