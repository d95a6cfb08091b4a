import Foundation

/// Starting the programs a benchmark measures: ftg itself, the server, and the cases, each in a
/// process of its own so that its time, CPU and memory are its own.
enum ChildProcess {
  /// How a finished process went.
  struct Outcome {
    var status: Int32
    /// When the process was started (`MonotonicClock` nanoseconds).
    var startedAt: UInt64
    var seconds: Double
    var output: String
    var error: String
  }

  /// The executable `name` in the folder of this one (`ftg` beside `ftg-bench`).
  static func sibling(_ name: String) -> String {
    let own = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    return own.deletingLastPathComponent().appendingPathComponent(name).path
  }

  /// Runs `path` to its end, timing it from start to exit; output goes through files, so a
  /// chatty child never blocks on a full pipe.
  static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> Outcome {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
    try Data().write(to: out)
    try Data().write(to: err)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    let startedAt = MonotonicClock.nanoseconds()
    let started = ContinuousClock.now
    try process.run()
    process.waitUntilExit()
    let seconds = (ContinuousClock.now - started).seconds
    return Outcome(
      status: process.terminationStatus, startedAt: startedAt, seconds: seconds,
      output: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      error: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }

  /// Seconds from starting `path` on a pseudo-terminal to `prompt` appearing on it; then the
  /// program is sent Ctrl-D (and ended if it does not leave).
  static func secondsToPrompt(_ path: String, prompt: String, environment: [String: String]) throws -> Double {
    let (master, name) = try openPseudoTerminal()
    defer { close(master) }
    let slave = open(name, O_RDWR | O_NOCTTY)
    guard slave >= 0 else { throw BenchError("cannot open \(name)") }
    let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.environment = environment
    process.standardInput = terminal
    process.standardOutput = terminal
    process.standardError = terminal
    let started = ContinuousClock.now
    try process.run()
    try terminal.close()
    var seen = ""
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !seen.contains(prompt) {
      guard ContinuousClock.now - started < .seconds(10) else {
        process.terminate()
        throw BenchError("no prompt within 10 s; the terminal showed: \(seen)")
      }
      var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&ready, 1, 100) > 0 else { continue }
      let count = read(master, &buffer, buffer.count)
      guard count > 0 else { throw BenchError("ftg left before its prompt: \(seen)") }
      seen += String(decoding: buffer[0..<count], as: UTF8.self)
    }
    let seconds = (ContinuousClock.now - started).seconds
    _ = write(master, [4], 1)
    let leaving = ContinuousClock.now
    while process.isRunning, ContinuousClock.now - leaving < .seconds(2) {
      var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      if poll(&ready, 1, 20) > 0 { _ = read(master, &buffer, buffer.count) }
    }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return seconds
  }

  /// A new pseudo-terminal: the master's descriptor and the path of its terminal side.
  ///
  /// Linux's `/dev/ptmx` with the `TIOCSPTLCK` and `TIOCGPTN` requests (what `posix_openpt`,
  /// `unlockpt` and `ptsname` do; Swift's Glibc module does not export those three).
  private static func openPseudoTerminal() throws -> (Int32, String) {
    let unlockRequest: UInt = 0x4004_5431  // TIOCSPTLCK
    let numberRequest: UInt = 0x8004_5430  // TIOCGPTN
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    guard master >= 0 else { throw BenchError("cannot open /dev/ptmx") }
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard ioctl(master, unlockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
      close(master)
      throw BenchError("cannot set up a pseudo-terminal")
    }
    return (master, "/dev/pts/\(number)")
  }
}
