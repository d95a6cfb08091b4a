import FTGTestSupport
import Foundation

/// Runs a program to completion with a clean signal state, output captured in files.
///
/// Foundation's `Process` passes on the spawning thread's blocked-signal mask, and test
/// threads block SIGINT and SIGCHLD; a tmux server started that way never notices its
/// panes ending or `kill-server`, and an `ftg` under it never sees Ctrl-C. This spawns with
/// an empty mask and default signal actions instead, and waits for the exit on a thread of its
/// own.
enum CleanSpawn {
  /// Runs `arguments` (a path and its arguments) and returns its status, stdout and stderr.
  static func run(_ arguments: [String], environment: [String: String]) async throws -> ProcessRun {
    let folder = try FTGBinary.temporaryHome()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outPath = folder.appendingPathComponent("out").path
    let errPath = folder.appendingPathComponent("err").path

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var emptySet = sigset_t()
    sigemptyset(&emptySet)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &emptySet)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard code == 0 else { throw CleanSpawnError(program: arguments[0], code: code) }
    let child = pid
    let status = try await onOwnThread(named: "ftg-test-waitpid") {
      var status: Int32 = 0
      while waitpid(child, &status, 0) == -1, errno == EINTR {}
      return status
    }
    return ProcessRun(
      status: (status >> 8) & 0xFF,
      output: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      errors: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
  }
}

/// A program that could not be started.
struct CleanSpawnError: Error, CustomStringConvertible {
  let program: String
  let code: Int32
  var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
}
