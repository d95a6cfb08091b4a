import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A child server process that dies with ftg.
///
/// On Linux the child is started through util-linux's `setpriv --pdeathsig KILL`, which sets
/// `PR_SET_PDEATHSIG` and then `exec`s the server: the process ftg watches and stops is the
/// server itself (same PID), and the kernel kills it if ftg dies in any way, even by SIGKILL,
/// when no exit handler runs. The death signal follows the *thread* that started the child,
/// and Swift's concurrency threads may end when idle, so the child is started from a thread of
/// its own that lives until the server has ended. Its end is heard through
/// `terminationHandler`; nothing waits for it on a thread.
final class ServerProcess: @unchecked Sendable {
  private let process: Process
  private let end: ProcessEnd
  /// The server's process ID.
  let processIdentifier: Int32

  private init(process: Process, end: ProcessEnd) {
    self.process = process
    self.end = end
    processIdentifier = process.processIdentifier
  }

  /// The `setpriv` binary, when this system has one.
  static let deathSignalLauncher: String? = ["/usr/bin/setpriv", "/bin/setpriv"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// Starts `executable` with `arguments`, writing its output to `log`.
  static func launch(executable: String, arguments: [String], log: FileHandle) async throws
    -> ServerProcess
  {
    let process = Process()
    if let launcher = deathSignalLauncher {
      process.executableURL = URL(fileURLWithPath: launcher)
      process.arguments = ["--pdeathsig", "KILL", "--", executable] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
    }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = log
    process.standardError = log
    let end = ProcessEnd()
    let launcherMayEnd = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in
      end.markEnded()
      launcherMayEnd.signal()
    }
    let box = SendableProcess(process)
    return try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        do {
          try box.process.run()
        } catch {
          continuation.resume(throwing: error)
          return
        }
        continuation.resume(returning: ServerProcess(process: box.process, end: end))
        launcherMayEnd.wait()
      }
      thread.name = "ftg-local-server-launcher"
      thread.start()
    }
  }

  /// Whether the server is still running.
  var isRunning: Bool { !end.hasEnded }

  /// How the server ended ("exited with status 1", "was killed by signal 11"), once it has.
  var ending: String? {
    guard end.hasEnded else { return nil }
    let status = process.terminationStatus
    switch process.terminationReason {
    case .exit: return "exited with status \(status)"
    case .uncaughtSignal: return "was killed by signal \(status)"
    @unknown default: return "ended with status \(status)"
    }
  }

  /// Asks the server to end (SIGTERM), kills it (SIGKILL) after `grace` seconds, and returns
  /// once it has been reaped.
  func stop(grace: Double) async {
    guard !end.hasEnded else { return }
    kill(processIdentifier, SIGTERM)
    if await !end.wait(seconds: grace) {
      kill(processIdentifier, SIGKILL)
      _ = await end.wait(seconds: 10)
    }
  }

  /// Asks the server to end (SIGTERM) and has it killed (SIGKILL) after `grace` seconds if it
  /// is still there; returns at once (for a `deinit`, which cannot wait).
  func stopSoon(grace: Double) {
    guard !end.hasEnded else { return }
    kill(processIdentifier, SIGTERM)
    let (end, pid) = (end, processIdentifier)
    DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
      if !end.hasEnded { kill(pid, SIGKILL) }
    }
  }
}

/// The end of a child process, as its `terminationHandler` reports it, awaited with a time
/// limit by any number of tasks.
private final class ProcessEnd: @unchecked Sendable {
  private let lock = NSLock()
  private var ended = false
  private var waiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]
  private var nextWaiter: UInt64 = 0

  /// Whether the process has ended.
  var hasEnded: Bool { lock.withLock { ended } }

  /// Records the end and wakes every waiter.
  func markEnded() {
    let woken = lock.withLock { () -> [CheckedContinuation<Bool, Never>] in
      ended = true
      defer { waiters = [:] }
      return Array(waiters.values)
    }
    for waiter in woken { waiter.resume(returning: true) }
  }

  /// True once the process has ended; false if `seconds` pass first.
  func wait(seconds: Double) async -> Bool {
    await withCheckedContinuation { continuation in
      let id = lock.withLock { () -> UInt64? in
        guard !ended else { return nil }
        nextWaiter += 1
        waiters[nextWaiter] = continuation
        return nextWaiter
      }
      guard let id else { return continuation.resume(returning: true) }
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
        self.lock.withLock { self.waiters.removeValue(forKey: id) }?.resume(returning: false)
      }
    }
  }
}

/// A `Process` handed to the launching thread before anyone else can touch it.
private final class SendableProcess: @unchecked Sendable {
  let process: Process
  init(_ process: Process) { self.process = process }
}
