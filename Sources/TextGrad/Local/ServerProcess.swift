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
/// its own that lives until the server has stopped.
final class ServerProcess: @unchecked Sendable {
  private let process: Process
  private let keeper = DispatchSemaphore(value: 0)
  /// The server's process ID.
  let processIdentifier: Int32

  private init(process: Process) {
    self.process = process
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
    let box = SendableProcess(process)
    return try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        do {
          try box.process.run()
        } catch {
          continuation.resume(throwing: error)
          return
        }
        let server = ServerProcess(process: box.process)
        continuation.resume(returning: server)
        server.keeper.wait()
      }
      thread.name = "ftg-local-server-launcher"
      thread.start()
    }
  }

  /// Whether the server is still running.
  var isRunning: Bool { process.isRunning }

  /// How the server ended ("exited with status 1", "was killed by signal 11"), once it has.
  var ending: String? {
    guard !process.isRunning else { return nil }
    let status = process.terminationStatus
    switch process.terminationReason {
    case .exit: return "exited with status \(status)"
    case .uncaughtSignal: return "was killed by signal \(status)"
    @unknown default: return "ended with status \(status)"
    }
  }

  /// Asks the server to end (SIGTERM), kills it (SIGKILL) after `grace` seconds, and waits
  /// until it has been reaped; then lets the launching thread end.
  func stop(grace: Double) {
    defer { keeper.signal() }
    guard process.isRunning else { return }
    kill(processIdentifier, SIGTERM)
    if !waitForExit(seconds: grace) {
      kill(processIdentifier, SIGKILL)
      _ = waitForExit(seconds: 10)
    }
  }

  private func waitForExit(seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning {
      if Date() >= deadline { return false }
      usleep(20_000)
    }
    return true
  }
}

/// A `Process` handed to the launching thread before anyone else can touch it.
private final class SendableProcess: @unchecked Sendable {
  let process: Process
  init(_ process: Process) { self.process = process }
}
