import Dispatch
import Foundation

/// Runs one evaluation at a time in its own `Task` and cancels it when interrupted.
///
/// The interpreter checks `Task.isCancelled` between steps, so a cancelled evaluation
/// stops at the next check and keeps every binding it had already made.
final class EvaluationInterrupter: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelRunning: (@Sendable () -> Void)?
  private var wasInterrupted = false

  /// Cancels the evaluation in progress, if any, and tells whether one was running.
  @discardableResult
  func interrupt() -> Bool {
    lock.withLock {
      guard let cancelRunning else { return false }
      wasInterrupted = true
      cancelRunning()
      return true
    }
  }

  /// Runs `work` in a new task and waits for it; nil when it was interrupted.
  func run<Result: Sendable>(
    _ work: @escaping @Sendable () async -> Result
  ) async -> Result? {
    let task = Task { await work() }
    lock.withLock {
      wasInterrupted = false
      cancelRunning = { task.cancel() }
    }
    let result = await task.value
    let interrupted = lock.withLock {
      cancelRunning = nil
      return wasInterrupted
    }
    return interrupted ? nil : result
  }
}

/// Delivers SIGINT (Ctrl-C) to an `EvaluationInterrupter` instead of ending the process.
///
/// The signal's default action is replaced by `SIG_IGN` and a dispatch signal source
/// observes it, so no code of ours runs inside a raw signal handler. At the prompt,
/// libedit sees Ctrl-C as a key (see `EditLineReader`), so this only matters while an
/// evaluation runs.
final class InterruptSignal {
  private let source: any DispatchSourceSignal

  /// Starts routing SIGINT to `interrupter` until this object is released.
  init(interrupter: EvaluationInterrupter) {
    // A parent may have started ftg with SIGINT blocked; Ctrl-C must reach us all the same.
    var interruptOnly = sigset_t()
    sigemptyset(&interruptOnly)
    sigaddset(&interruptOnly, SIGINT)
    sigprocmask(SIG_UNBLOCK, &interruptOnly, nil)
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { interrupter.interrupt() }
    source.resume()
  }

  deinit {
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
