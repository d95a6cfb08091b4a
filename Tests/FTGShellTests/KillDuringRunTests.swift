import Foundation
import SimulatedLLMServer
import Testing

/// `kill -9` of `ftg run` in the middle of a federated run and in the middle of a notebook:
/// afterwards the checkpoint, the response cache and the notebook record open cleanly, the run
/// resumes from its last finished round, and nothing that finished is lost.
@Suite(.serialized) struct KillDuringRunTests {
  private static let federated = """
    let e = engine("simulated", base: BASE)
    let t = task("object_counting", train: 12, val: 4, test: 4)
    let run = federate(clients(split(t, 3), engine: e), rounds: 4, steps: 1, batch: 2, aggregate: summarize)
    print(table(run))
    print(run.best_prompt)
    """

  private static let notebook = """
    %% setup
    let e = engine("simulated", base: BASE)
    let t = task("object_counting", val: 8)
    %% first
    let a = accuracy(prompt(t.prompt), t.val, engine: e)
    print("first", a)
    %% second
    let b = accuracy(prompt(t.prompt + " Count carefully."), t.val, engine: e)
    print("second", b)
    %% third
    let c = accuracy(prompt(t.prompt + " Count twice."), t.val, engine: e)
    print("third", c)
    """

  @Test func aKilledFederatedRunResumesFromItsLastFinishedRound() throws {
    let killed = try Workspace()
    let llm = try SimulatedLLM(latencyMilliseconds: 30, options: ["--stats", killed.stats])
    try killed.write("run.ftg", Self.federated.replacingOccurrences(of: "BASE", with: "\"\(llm.base)\""))
    let child = try killed.start(["run", "run.ftg"])
    let finished = try killed.waitFor(seconds: 90) { try killed.checkpointedRounds() >= 2 }
    kill(child.processIdentifier, SIGKILL)
    child.waitUntilExit()
    #expect(child.terminationReason == .uncaughtSignal)
    let roundsBeforeKill = try killed.checkpointedRounds()
    #expect(finished && roundsBeforeKill >= 2 && roundsBeforeKill < 4, "killed after \(roundsBeforeKill) rounds")
    let requestsBeforeKill = try killed.requests()

    let resumed = try killed.runToEnd(["run", "run.ftg"])
    #expect(resumed.status == 0, "\(resumed.errors)")
    let resumedRequests = try killed.requests() - requestsBeforeKill
    let starts = try killed.logEvents().filter { $0["kind"] as? String == "runStarted" }
    #expect(starts.last?["round"] as? Int == roundsBeforeKill, "the second run starts after the checkpointed rounds")

    let clean = try Workspace()
    let fresh = try SimulatedLLM(latencyMilliseconds: 0, options: ["--stats", clean.stats])
    try clean.write("run.ftg", Self.federated.replacingOccurrences(of: "BASE", with: "\"\(fresh.base)\""))
    let reference = try clean.runToEnd(["run", "run.ftg"])
    #expect(reference.status == 0, "\(reference.errors)")
    #expect(resumed.output == reference.output)
    #expect(resumedRequests < (try clean.requests()), "finished rounds were not run again")
  }

  @Test func aKilledNotebookKeepsItsFinishedCellsAndReplaysThem() throws {
    let folder = try Workspace()
    let llm = try SimulatedLLM(latencyMilliseconds: 150, options: ["--stats", folder.stats])
    try folder.write("nb.ftg", Self.notebook.replacingOccurrences(of: "BASE", with: "\"\(llm.base)\""))
    let child = try folder.start(["run", "nb.ftg"])
    let recorded = try folder.waitFor(seconds: 60) { try folder.recordedCells().contains("first") }
    kill(child.processIdentifier, SIGKILL)
    child.waitUntilExit()
    #expect(recorded)
    let cellsAfterKill = try folder.recordedCells()
    #expect(cellsAfterKill.contains("first") && !cellsAfterKill.contains("third"), "\(cellsAfterKill)")
    let requestsBeforeKill = try folder.requests()

    let again = try folder.runToEnd(["run", "nb.ftg"])
    #expect(again.status == 0, "\(again.errors)")
    #expect(again.output.contains("first") && again.output.contains("third"))
    #expect(again.errors.contains("2 cell(s) replayed, 2 ran live"), "the finished cells replay: \(again.errors)")
    #expect(try folder.requests() - requestsBeforeKill <= 16, "only the unfinished cells asked the server")
    let offline = try folder.runToEnd(["run", "nb.ftg", "--offline"])
    #expect(offline.status == 0, "\(offline.errors)")
    #expect(offline.errors.contains("4 cell(s) replayed, 0 ran live"), "\(offline.errors)")
  }
}

/// A temporary folder to run `ftg` in, with its own response cache and HOME.
private struct Workspace {
  let url: URL
  var stats: String { url.appendingPathComponent("llm-stats.json").path }

  init() throws {
    url = try FTGBinary.temporaryHome()
  }

  var environment: [String: String] {
    [
      "HOME": url.path, "NO_COLOR": "1", "PATH": "/usr/bin:/bin",
      "FTG_CACHE_DIR": url.appendingPathComponent("cache").path, "FTG_DATA_DIR": SimulatedLLM.sharedDataPath,
    ]
  }

  func write(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: url.appendingPathComponent(name))
  }

  /// Starts `ftg` here, output to files, without waiting.
  func start(_ arguments: [String]) throws -> Process {
    let binary = try #require(FTGBinary.path)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = url
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    FileManager.default.createFile(atPath: url.appendingPathComponent("stdout").path, contents: nil)
    FileManager.default.createFile(atPath: url.appendingPathComponent("stderr").path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: url.appendingPathComponent("stdout"))
    process.standardError = try FileHandle(forWritingTo: url.appendingPathComponent("stderr"))
    try process.run()
    return process
  }

  /// Runs `ftg` here to its end.
  func runToEnd(_ arguments: [String]) throws -> ProcessRun {
    let process = try start(arguments)
    process.waitUntilExit()
    return ProcessRun(
      status: process.terminationStatus,
      output: try String(contentsOf: url.appendingPathComponent("stdout"), encoding: .utf8),
      errors: try String(contentsOf: url.appendingPathComponent("stderr"), encoding: .utf8))
  }

  /// Polls `condition` every 20 ms; false when it did not hold within `seconds`.
  func waitFor(seconds: Double, _ condition: () throws -> Bool) throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if try condition() { return true }
      usleep(20_000)
    }
    return false
  }

  private var runFolder: URL? {
    let runs = url.appendingPathComponent("runs")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
    return names.first.map { runs.appendingPathComponent($0) }
  }

  /// Rounds saved in the run's checkpoint; 0 before the first. Throws if it does not parse.
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
