import Foundation

/// A server a test runs as a child process: it prints the port it listens on as the first line
/// of its standard output, and it is stopped when the test lets go of it.
///
/// Each later line of its output is handed to `onLine` as it comes (on the reading thread), so
/// a fake server can report what happens to it and a test can wait for that event. The server
/// is told to go by closing its standard input (the fakes exit then, so none outlives a test
/// run that is killed) and by SIGKILL, which the runner's signal mask cannot block.
public final class ChildServer: Sendable {
  /// The loopback port the server listens on.
  public let port: Int
  private let child: ChildProcess
  private let input: FileHandle
  private let closed = Latch<Void>()

  /// Starts `executable` with `arguments` and waits until it prints its port.
  ///
  /// Its standard error goes to the test's unless `showsErrors` is false.
  public init(
    _ executable: String, _ arguments: [String], showsErrors: Bool = true,
    onLine: @escaping @Sendable (String) -> Void = { _ in }
  ) async throws {
    let stdin = Pipe()
    let stdout = Pipe()
    child = try ChildProcess { process in
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
      process.standardInput = stdin
      process.standardOutput = stdout
      if !showsErrors { process.standardError = FileHandle.nullDevice }
    }
    input = stdin.fileHandleForWriting
    let firstLine = Latch<String?>()
    let reading = stdout.fileHandleForReading
    let thread = Thread {
      Self.readLines(from: reading) { line in
        if firstLine.isResolved { onLine(line) } else { firstLine.resolve(line) }
      }
      firstLine.resolve(nil)
    }
    thread.name = "ftg-test-server-output"
    thread.start()
    let line = await firstLine.value()
    guard let port = line.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
      child.send(SIGKILL)
      throw ChildServerError(
        description: "\(([executable] + arguments).joined(separator: " ")) printed "
          + (line.map { "'\($0)'" } ?? "nothing") + " instead of its port")
    }
    self.port = port
  }

  /// Writes `line` to the server's standard input (how a test gives a fake server an order).
  public func send(_ line: String) throws {
    try input.write(contentsOf: Data((line + "\n").utf8))
  }

  /// Stops the server and returns once it has ended, its port closed.
  public func stop() async {
    release()
    _ = await child.exit()
  }

  deinit {
    release()
  }

  private func release() {
    guard closed.resolve(()) else { return }
    try? input.close()
    child.send(SIGKILL)
  }

  /// Calls `body` with each line read from `handle` until it ends.
  private static func readLines(from handle: FileHandle, _ body: (String) -> Void) {
    var pending = Data()
    while true {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      pending.append(chunk)
      while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
        body(String(decoding: pending[pending.startIndex..<end], as: UTF8.self))
        pending.removeSubrange(pending.startIndex...end)
      }
    }
  }
}

/// A child server that did not start as it should.
public struct ChildServerError: Error, CustomStringConvertible {
  /// What went wrong, with the command.
  public let description: String
}
