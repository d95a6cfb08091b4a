import Foundation

/// A program run to completion with a clean signal state, its output captured in files.
///
/// Foundation's `Process` passes on the spawning thread's blocked-signal mask, and test threads
/// block SIGINT and SIGCHLD: a tmux server started that way never notices its panes ending, an
/// `ftg` under it never sees Ctrl-C. This spawns with an empty mask and default signal actions,
/// in a process group of its own, which is killed once the program exits (taking any helpers
/// it left behind with it) or after `limit` seconds if it has not. The exit is waited for on a
/// thread of its own.
public enum CleanSpawn {
  /// How the program ended and what it wrote.
  public struct Run: Sendable {
    /// Its exit status, or 128 plus the signal that ended it.
    public var status: Int32
    /// Its standard output.
    public var output: String
    /// Its standard error.
    public var errors: String
  }

  /// Runs `arguments` (a path and its arguments) with exactly `environment`; its output goes
  /// to files in `folder` (a temporary folder, removed afterwards, when nil).
  public static func run(
    _ arguments: [String], environment: [String: String], outputIn folder: URL? = nil, limit: Double = 60
  ) async throws -> Run {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-spawn-\(UUID().uuidString)")
    if folder == nil { try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true) }
    defer { if folder == nil { try? FileManager.default.removeItem(at: scratch) } }
    let outPath = (folder ?? scratch).appendingPathComponent("stdout").path
    let errPath = (folder ?? scratch).appendingPathComponent("stderr").path
    let pid = try spawn(arguments, environment: environment, output: outPath, errors: errPath)
    let status = try await onOwnThread(named: "ftg-test-clean-spawn") { waitForEnd(of: pid, limit: limit) }
    return Run(
      status: status,
      output: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      errors: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
  }

  private static func spawn(
    _ arguments: [String], environment: [String: String], output: String, errors: String
  ) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var emptySet = sigset_t()
    sigemptyset(&emptySet)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &emptySet)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard code == 0 else { throw CleanSpawnError(program: arguments[0], code: code) }
    return pid
  }

  /// Blocks until `pid` ends (killing its group after `limit` seconds), then kills what is
  /// left of its group and reaps it; returns its status.
  private static func waitForEnd(of pid: pid_t, limit: Double) -> Int32 {
    let finished = Latch<Void>()
    let group = -pid
    DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
      if finished.resolve(()) { kill(group, SIGKILL) }
    }
    // Waits without reaping first, so neither the pid nor the group can be reused before the
    // watchdog is off; helpers the program left behind in its group go with it.
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
    finished.resolve(())
    kill(group, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
  }
}

/// A program that could not be started.
public struct CleanSpawnError: Error, CustomStringConvertible {
  /// The program's path.
  public let program: String
  /// The `posix_spawn` error number.
  public let code: Int32

  /// Which program, and the system's reason.
  public var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
}
