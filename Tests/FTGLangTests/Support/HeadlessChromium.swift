import Foundation
import Synchronization

/// Headless Chromium, run on a page to see what it does with it.
///
/// It reports the DOM after loading (with
/// scripts, timers and events run in virtual time, so nothing waits on the clock) and what it
/// logged. `scripts/test.sh` installs it; `$FTG_CHROMIUM` names another binary.
struct HeadlessChromium {
  let path: String

  /// The first of `$FTG_CHROMIUM`, `chromium`, `chromium-browser`, `google-chrome` found.
  static func find() -> HeadlessChromium? {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["FTG_CHROMIUM"], !explicit.isEmpty {
      return FileManager.default.isExecutableFile(atPath: explicit) ? HeadlessChromium(path: explicit) : nil
    }
    let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") + ["/usr/bin", "/usr/local/bin"]
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
      for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
        return HeadlessChromium(path: "\(folder)/\(name)")
      }
    }
    return nil
  }

  static let missing =
    "headless Chromium is needed to check exported pages and was not found: install it with "
    + "`apt-get install chromium` (scripts/test.sh does) or name it in FTG_CHROMIUM"

  /// What a page came to.
  struct Visit {
    var dom: String
    var log: String
    var status: Int32

    /// The text of the page's `<title>` after loading.
    var title: String {
      guard let start = dom.range(of: "<title>"),
        let end = dom.range(of: "</title>", range: start.upperBound..<dom.endIndex)
      else { return "" }
      return String(dom[start.upperBound..<end.lowerBound])
    }
  }

  /// Writes `html` to a file, opens it and returns the DOM Chromium dumps.
  ///
  /// Runs on a thread of its own, so waiting for the browser takes none of Swift's cooperative threads.
  func visit(_ html: String) async throws -> Visit {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-chromium-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("page.html")
    try html.write(to: page, atomically: true, encoding: .utf8)
    let arguments = [
      path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
      "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--enable-logging=stderr", "--v=0",
      "--virtual-time-budget=5000", "--timeout=30000", "--dump-dom", page.absoluteString,
    ]
    let environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    let run = try await onOwnThread { try SpawnedProcess.run(arguments, environment: environment, in: folder) }
    return Visit(dom: run.output, log: run.errors, status: run.status)
  }
}

/// Runs blocking work on a new thread and resumes the caller when it is done.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try body() }) }.start()
  }
}

/// A program run to completion with a clean signal state, its output captured in files.
///
/// Test threads block some signals, and a child would inherit that. It runs in a process group
/// of its own, which is killed once it exits (taking any helper processes it left with it), or
/// after `limit` seconds if it has not.
enum SpawnedProcess {
  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  static func run(
    _ arguments: [String], environment: [String: String], in folder: URL, limit: Double = 60
  ) throws -> Run {
    let outPath = folder.appendingPathComponent("stdout").path
    let errPath = folder.appendingPathComponent("stderr").path
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
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard code == 0 else { throw SpawnError(program: arguments[0], code: code) }
    let finished = Mutex(false)
    let group = -pid
    DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
      finished.withLock { if !$0 { kill(group, SIGKILL) } }
    }
    // Waits without reaping first, so neither the pid nor the group can be reused before the
    // watchdog is off; helpers the program left behind in its group go with it.
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
    finished.withLock {
      $0 = true
      kill(group, SIGKILL)
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    let signal = status & 0x7F
    return Run(
      status: signal == 0 ? (status >> 8) & 0xFF : 128 + signal,
      output: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      errors: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
  }
}

/// A program that could not be started.
struct SpawnError: Error, CustomStringConvertible {
  let program: String
  let code: Int32
  var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
}
