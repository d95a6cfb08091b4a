import Foundation

/// Runs recursive work (parsing deeply nested input) on one long-lived thread whose stack is
/// large enough for `Limits.nesting` levels in any build, instead of the small stacks of the
/// cooperative thread pool.
///
/// The thread is started once, on first use, and serves every caller in turn: a parse takes
/// milliseconds, and starting a thread per parse (as this used to) costs a thread creation
/// each time and, where creation fails, would leave the caller waiting forever. If the thread
/// cannot be started at all, work runs on the caller's own thread, where everything but
/// pathologically deep input fits.
final class LargeStack: @unchecked Sendable {
  static let size = 64 << 20
  private static let shared = LargeStack()

  private let condition = NSCondition()
  private var jobs: [@Sendable () -> Void] = []
  /// False when the thread could not be created.
  private var started = false
  /// The worker's identity, so work it starts itself runs in place instead of waiting on itself.
  private var worker: pthread_t?

  private init() {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, Self.size)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    var thread = pthread_t()
    let context = Unmanaged.passRetained(self).toOpaque()
    let status = pthread_create(
      &thread, &attributes,
      { context in
        guard let context else { return nil }
        Unmanaged<LargeStack>.fromOpaque(context).takeRetainedValue().serve()
      }, context)
    if status == 0 {
      started = true
    } else {
      Unmanaged<LargeStack>.fromOpaque(context).release()
    }
  }

  /// Runs `work` on the large-stack thread and returns its result to the awaiting task, which
  /// holds no thread meanwhile.
  static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      shared.submit { continuation.resume(returning: work()) }
    }
  }

  /// Runs `work` there for a synchronous caller, which waits only as long as the work takes.
  static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    shared.submit {
      box.value = work()
      done.signal()
    }
    done.wait()
    guard let value = box.value else { preconditionFailure("large-stack work did not finish") }
    return value
  }

  /// Queues `job` for the worker, or runs it in place when there is no worker or when the
  /// worker itself submits it.
  private func submit(_ job: @escaping @Sendable () -> Void) {
    condition.lock()
    if !started || worker.map({ pthread_equal($0, pthread_self()) != 0 }) == true {
      condition.unlock()
      job()
      return
    }
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  /// The worker's loop: takes jobs in order, forever.
  private func serve() -> Never {
    condition.lock()
    worker = pthread_self()
    condition.unlock()
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let job = jobs.removeFirst()
      condition.unlock()
      job()
    }
  }

  /// Carries the result from the worker thread; the semaphore orders the accesses.
  private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
  }
}
