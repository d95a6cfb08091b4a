import Foundation

/// A program a test runs as a child process; its end is awaited, never waited for on a thread.
///
/// `Process.waitUntilExit()` and a read to the end of a pipe block the calling thread, and a
/// test's thread is one of Swift's cooperative threads, which tests running in parallel
/// share (two on a two-core machine): one blocked wait stalls every other test. This hears of
/// the exit through `terminationHandler` and reads pipes on threads of their own.
public final class ChildProcess: Sendable {
  /// How a child ended.
  public struct Exit: Sendable, Equatable {
    /// The exit status, or the signal's number when `signalled`.
    public var status: Int32
    /// Whether a signal ended it.
    public var signalled: Bool
  }

  /// What a child that ran to its end wrote, and how it ended.
  public struct Transcript: Sendable {
    /// How it ended.
    public var exit: Exit
    /// Its standard output.
    public var output: String
    /// Its standard error.
    public var errors: String
  }

  /// The child's process ID.
  public let processIdentifier: Int32
  private let ended = Latch<Exit>()

  /// Starts the program `describe` sets up on a fresh `Process` (executable, arguments,
  /// environment, folder and streams).
  public init(_ describe: (Process) throws -> Void) throws {
    let process = Process()
    try describe(process)
    let ended = self.ended
    process.terminationHandler = { process in
      ended.resolve(
        Exit(
          status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal))
    }
    try process.run()
    processIdentifier = process.processIdentifier
  }

  /// Sends `signal` to the child, unless it has ended (and its ID may belong to another).
  public func send(_ signal: Int32) {
    guard !ended.isResolved else { return }
    kill(processIdentifier, signal)
  }

  /// How the child ended, once it has.
  public func exit() async -> Exit { await ended.value() }

  /// Runs `executable` with `arguments` to its end, with `input` on its standard input and its
  /// output and errors captured; `environment` replaces the test's when given.
  public static func run(
    _ executable: String, _ arguments: [String], input: String = "",
    environment: [String: String]? = nil, in folder: URL? = nil
  ) async throws -> Transcript {
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    let child = try ChildProcess { process in
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
      if let environment { process.environment = environment }
      if let folder { process.currentDirectoryURL = folder }
      process.standardInput = stdin
      process.standardOutput = stdout
      process.standardError = stderr
    }
    let output = PipeDrain(stdout.fileHandleForReading)
    let errors = PipeDrain(stderr.fileHandleForReading)
    let writing = stdin.fileHandleForWriting
    // A write blocks while the pipe is full, so the input goes in on a thread of its own; a
    // child that leaves without reading it is no error of the test's.
    try await onOwnThread(named: "ftg-test-child-input") {
      try? writing.write(contentsOf: Data(input.utf8))
      try? writing.close()
    }
    return Transcript(exit: await child.exit(), output: await output.text(), errors: await errors.text())
  }
}
