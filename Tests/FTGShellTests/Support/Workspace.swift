import FTGTestSupport
import Foundation
import Testing

/// A temporary folder to run `ftg` in, with its own response cache and HOME.
struct Workspace {
  let url: URL
  var stats: String { url.appendingPathComponent("llm-stats.json").path }

  init() throws {
    url = try FTGBinary.temporaryHome()
  }

  /// Variables added to every run's environment.
  var extraEnvironment: [String: String] = [:]

  var environment: [String: String] {
    extraEnvironment.merging([
      "HOME": url.path, "NO_COLOR": "1", "PATH": "/usr/bin:/bin",
      "FTG_CACHE_DIR": url.appendingPathComponent("cache").path, "FTG_DATA_DIR": SimulatedLLM.sharedDataPath,
    ]) { $1 }
  }

  func write(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: url.appendingPathComponent(name))
  }

  /// Starts `ftg` here, output to files, without waiting.
  func start(_ arguments: [String], input: String? = nil) throws -> ChildProcess {
    let binary = try #require(FTGBinary.path)
    let stdin = try input.map { try FileHandle(forReadingFrom: url.appendingPathComponent($0)) }
    _ = FileManager.default.createFile(atPath: url.appendingPathComponent("stdout").path, contents: nil)
    _ = FileManager.default.createFile(atPath: url.appendingPathComponent("stderr").path, contents: nil)
    let stdout = try FileHandle(forWritingTo: url.appendingPathComponent("stdout"))
    let stderr = try FileHandle(forWritingTo: url.appendingPathComponent("stderr"))
    return try ChildProcess { process in
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = arguments
      process.currentDirectoryURL = url
      process.environment = environment
      process.standardInput = stdin ?? FileHandle.nullDevice
      process.standardOutput = stdout
      process.standardError = stderr
    }
  }

  /// Runs `ftg` here to its end, with `input` (a file here) as its standard input.
  func runToEnd(_ arguments: [String], input: String? = nil) async throws -> ProcessRun {
    let exit = try await start(arguments, input: input).exit()
    return ProcessRun(
      status: exit.status,
      output: try String(contentsOf: url.appendingPathComponent("stdout"), encoding: .utf8),
      errors: try String(contentsOf: url.appendingPathComponent("stderr"), encoding: .utf8))
  }

  /// Stops `llm` and starts a fresh server on its port whose count of requests (in `stats`)
  /// starts from zero: requests that a killed `ftg` left on their way reach the old server,
  /// and are not counted as the next run's.
  func restart(_ llm: SimulatedLLM, latencyMilliseconds: Int) async throws -> SimulatedLLM {
    await llm.stop()
    try? FileManager.default.removeItem(atPath: stats)
    return try await SimulatedLLM(
      latencyMilliseconds: latencyMilliseconds, options: ["--port", String(llm.port), "--stats", stats])
  }

  /// Whether `condition` on this folder's files held within `seconds`.
  ///
  /// It is checked again each time a file here changes; `then` runs the moment it holds (see
  /// `FolderWatch`).
  func waitFor(
    seconds: Double, _ condition: @escaping @Sendable () throws -> Bool,
    then action: @escaping @Sendable () -> Void = {}
  ) async throws -> Bool {
    try await FolderWatch.wait(below: url, seconds: seconds, until: condition, then: action)
  }

  private var runFolder: URL? {
    let runs = url.appendingPathComponent("runs")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
    return names.first.map { runs.appendingPathComponent($0) }
  }

  /// Rounds saved in the run's checkpoint; 0 before the first.
  ///
  /// Throws if it does not parse.
  func checkpointedRounds() throws -> Int {
    guard let folder = runFolder else { return 0 }
    let file = folder.appendingPathComponent("checkpoint.json")
    guard FileManager.default.fileExists(atPath: file.path) else { return 0 }
    let state = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    return (state?["rounds"] as? [Any])?.count ?? 0
  }

  /// The run log's events; every line must parse.
  func logEvents() throws -> [[String: Any]] {
    let folder = try #require(runFolder)
    let text = try String(contentsOf: folder.appendingPathComponent("log.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  /// The names of the cells in the notebook record; the record must parse when present.
  func recordedCells() throws -> [String] {
    let file = url.appendingPathComponent("nb.out/cells.json")
    guard FileManager.default.fileExists(atPath: file.path) else { return [] }
    let record = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    return ((record?["cells"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
  }

  /// Requests the simulated server has answered so far.
  func requests() throws -> Int {
    guard FileManager.default.fileExists(atPath: stats) else { return 0 }
    let counts = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats))) as? [String: Int]
    return counts?["requests"] ?? 0
  }
}
