import Foundation

/// Runs recursive work (parsing deeply nested input) on a thread with a stack large enough
/// for `Limits.nesting` levels in any build, instead of the small stacks of the
/// cooperative thread pool.
enum LargeStack {
  static let size = 64 << 20

  /// Runs `work` there and returns its result to the awaiting task, which holds no thread
  /// meanwhile.
  static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      let thread = Thread { continuation.resume(returning: work()) }
      thread.stackSize = size
      thread.start()
    }
  }

  /// Runs `work` there for a synchronous caller, which waits for it: only as long as the
  /// work itself takes, as if it ran in place.
  static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.value = work()
      done.signal()
    }
    thread.stackSize = size
    thread.start()
    done.wait()
    guard let value = box.value else { preconditionFailure("large-stack work did not finish") }
    return value
  }

  /// Carries the result from the worker thread; the semaphore orders the accesses.
  private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
  }
}
