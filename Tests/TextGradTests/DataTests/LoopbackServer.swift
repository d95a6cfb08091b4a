import Foundation

/// A Python HTTP server on 127.0.0.1 serving a folder, for download tests.
///
/// Besides the folder's files it answers `/slow` after sleeping 30 seconds. The server exits
/// when its standard input closes, so it never outlives the test process. Tests that use it
/// are skipped when no `python3` is on the PATH.
final class LoopbackServer {
  private static let script = """
    import functools, http.server, os, sys, threading, time
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
        def do_GET(self):
            if self.path != "/slow":
                return super().do_GET()
            time.sleep(30)
            self.send_response(200)
            self.end_headers()
    def exit_when_parent_goes():
        sys.stdin.read()
        os._exit(0)
    threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    handler = functools.partial(Handler, directory=sys.argv[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """

  /// The `python3` executable found on the PATH, if any.
  static let python: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":")
      .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// True when the server can be started.
  static var isAvailable: Bool { python != nil }

  private let process = Process()
  private let input = Pipe()
  /// The server's base URL, ending in a slash.
  let baseURL: String

  /// Starts serving `folder` and waits until the server reports its port.
  init(serving folder: URL) throws {
    guard let python = Self.python else { throw CocoaError(.executableNotLoadable) }
    let output = Pipe()
    process.executableURL = python
    process.arguments = ["-c", Self.script, folder.path]
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    var received = Data()
    while !received.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      received.append(chunk)
    }
    let port = String(decoding: received, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard let number = Int(port) else { throw CocoaError(.fileReadCorruptFile) }
    baseURL = "http://127.0.0.1:\(number)/"
  }

  /// Stops the server and waits for it to exit; its port is then closed.
  ///
  /// SIGKILL rather than SIGTERM: the child inherits the test runner's signal mask, in which
  /// SIGTERM may be blocked.
  func stop() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  deinit {
    stop()
  }
}
