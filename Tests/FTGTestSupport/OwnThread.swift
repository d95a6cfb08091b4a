import Foundation

/// Runs blocking work (reading a pipe, waiting for a process) on a thread of its own and
/// returns its result to the awaiting task, so that no cooperative thread is held meanwhile.
public func onOwnThread<T: Sendable>(
  named name: String, _ work: @escaping @Sendable () throws -> T
) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread { continuation.resume(with: Result { try work() }) }
    thread.name = name
    thread.start()
  }
}

/// Everything written to a pipe until its writers close it, read from the start on a thread
/// of its own, so a chatty child never waits on a full pipe while the test awaits its exit.
public final class PipeDrain: Sendable {
  private let read = Latch<Data>()

  /// Starts reading `handle` to its end.
  public init(_ handle: FileHandle) {
    let read = self.read
    let thread = Thread { read.resolve(handle.readDataToEndOfFile()) }
    thread.name = "ftg-test-pipe-drain"
    thread.start()
  }

  /// The bytes read, once the pipe has ended.
  public func data() async -> Data { await read.value() }

  /// The bytes read as text, once the pipe has ended.
  public func text() async -> String { String(decoding: await data(), as: UTF8.self) }
}
