import Foundation

/// A Python HTTP server on 127.0.0.1 serving a folder, for download tests.
///
/// Besides the folder's files it answers `/slow`, which waits up to 30 seconds for the client
/// to hang up and reports when it does, or then answers with an empty 200. Tests that use it
/// are skipped when no `python3` is on the PATH.
public final class LoopbackServer: Sendable {
  private static let script = """
    import functools, http.server, os, select, socket, sys, threading
    printing = threading.Lock()
    def report(event):
        with printing:
            print(event, flush=True)
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
        def do_GET(self):
            if self.path != "/slow":
                return super().do_GET()
            report("slow started")
            readable, _, _ = select.select([self.connection], [], [], 30)
            if readable and not self.connection.recv(1, socket.MSG_PEEK):
                report("slow hung_up")
                return
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

  /// What has happened to `/slow` requests so far.
  public struct Activity: Sendable {
    /// `/slow` requests received.
    public var slowStarted = 0
    /// `/slow` requests whose client hung up before the answer.
    public var hangUps = 0
  }

  /// The `python3` executable found on the PATH, if any.
  public static let python: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":")
      .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// True when the server can be started.
  public static var isAvailable: Bool { python != nil }

  private let server: ChildServer
  private let watched: Watched<Activity>

  /// Starts serving `folder` and returns once the server reports its port.
  public init(serving folder: URL) async throws {
    guard let python = Self.python else { throw CocoaError(.executableNotLoadable) }
    let watched = Watched(Activity())
    server = try await ChildServer(python.path, ["-c", Self.script, folder.path], showsErrors: false) {
      line in
      switch line {
      case "slow started": watched.update { $0.slowStarted += 1 }
      case "slow hung_up": watched.update { $0.hangUps += 1 }
      default: break
      }
    }
    self.watched = watched
  }

  /// The server's base URL, ending in a slash.
  public var baseURL: String { "http://127.0.0.1:\(server.port)/" }

  /// Returns once the server's activity satisfies `condition`; throws if the task is cancelled
  /// first.
  @discardableResult
  public func wait(until condition: @escaping @Sendable (Activity) -> Bool) async throws -> Activity {
    try await watched.wait(until: condition)
  }

  /// Stops the server and returns once it has ended; its port is then closed.
  public func stop() async {
    await server.stop()
  }
}
