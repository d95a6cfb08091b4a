import FTGTestSupport
import Foundation
import Testing

/// `ftg run` with `--set`, `--engine`, `--dry` and the question before a fresh run, through the
/// real binary against the simulated LLM.
@Suite(.enabled(if: FTGBinary.path != nil, "the ftg binary is not built"))
struct NotebookParameterTests {
  let ftg = FTGBinary.path ?? ""

  static let notebook = """
    # A notebook with parameters
    %% setup
    let e = engine(param("engine", "local"))
    let t = task("object_counting", train: 6, val: param("val", 3, doc: "validation questions"), test: 3)
    %% run
    let run = federate(clients(split(t, 2), engine: e), rounds: 1, steps: 1)
    %% md
    Validated on \\(t.val.count) questions.
    """

  private func folder() throws -> URL {
    let folder = try FTGBinary.temporaryHome().appendingPathComponent("nb")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Self.notebook.write(to: folder.appendingPathComponent("params.ftg"), atomically: true, encoding: .utf8)
    return folder
  }

  private func environment(_ llm: SimulatedLLM, _ folder: URL) -> [String: String] {
    [
      "OLLAMA_BASE_URL": llm.base, "FTG_DATA_DIR": SimulatedLLM.sharedDataPath,
      "FTG_CACHE_DIR": folder.appendingPathComponent("cache").path,
    ]
  }

  @Test func anUndeclaredParameterIsAUsageErrorListingTheDeclaredOnes() async throws {
    let path = try folder().appendingPathComponent("params.ftg").path
    let run = try await ProcessRun.run(ftg, ["run", path, "--set", "vall=5"])
    #expect(run.status == 2)
    #expect(run.errors.contains("has no parameter 'vall' (it declares engine, val;"))
  }

  @Test func recordOptionsOnAPlainScriptAreAUsageErrorAndWriteNothing() async throws {
    let folder = try folder()
    let script = folder.appendingPathComponent("plain.ftg")
    try "print(1 + 1)\n".write(to: script, atomically: true, encoding: .utf8)
    let run = try await ProcessRun.run(ftg, ["run", script.path, "--offline"])
    #expect(run.status == 2)
    #expect(run.errors.contains("has no cells") && run.errors.contains("--offline applies to notebooks"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("plain.out").path))
    let plain = try await ProcessRun.run(ftg, ["run", script.path])
    #expect(plain.status == 0 && plain.output == "2\n")
  }

  @Test func aDryRunEstimatesAndWritesNothing() async throws {
    let llm = try await SimulatedLLM(options: [])
    let folder = try folder()
    let path = folder.appendingPathComponent("params.ftg").path
    let run = try await ProcessRun.run(
      ftg, ["run", path, "--dry", "--engine", "ollama-sim"], environment: environment(llm, folder))
    #expect(run.status == 0)
    #expect(run.errors.contains("cell 'run': "))
    #expect(run.errors.contains("total: "))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("params.ollama-sim.out").path))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("params.out").path))
  }

  @Test func anotherEngineAndScaleRecordIntoTheirOwnFolder() async throws {
    let llm = try await SimulatedLLM(options: [])
    let folder = try folder()
    let path = folder.appendingPathComponent("params.ftg").path
    let run = try await ProcessRun.run(
      ftg, ["run", path, "--fresh", "--engine", "ollama-sim", "--set", "val=5", "--yes"],
      environment: environment(llm, folder))
    #expect(run.status == 0, "\(run.errors)")
    let variant = folder.appendingPathComponent("params.ollama-sim.val-5.out")
    let cells = try String(contentsOf: variant.appendingPathComponent("cells.json"), encoding: .utf8)
    #expect(cells.contains("Validated on 5 questions."))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("params.out").path))
    // The variant replays offline from its own record.
    let replay = try await ProcessRun.run(
      ftg, ["run", path, "--offline", "--engine", "ollama-sim", "--set", "val=5"], environment: environment(llm, folder)
    )
    #expect(replay.status == 0, "\(replay.errors)")
    #expect(replay.errors.contains("0 ran live"))
    // Rerendering rewrites the variant's outputs from its answers, with no server at all.
    var offline = environment(llm, folder)
    offline["OLLAMA_BASE_URL"] = "http://127.0.0.1:9/v1"
    let rerender = try await ProcessRun.run(
      ftg, ["run", path, "--rerender", "--engine", "ollama-sim", "--set", "val=5"], environment: offline)
    #expect(rerender.status == 0, "\(rerender.errors)")
    #expect(rerender.errors.contains("3 cell(s) rerendered from their recorded answers"))
    let clash = try await ProcessRun.run(ftg, ["run", path, "--rerender", "--fresh"], environment: offline)
    #expect(clash.status == 2 && clash.errors.contains("cannot be combined with --fresh"))
  }

  /// The paper-1 notebook as shipped, re-run on another engine: it records into a folder of
  /// its own and leaves the shipped record byte for byte as it was.
  @Test func paperOneRerunsOnAnotherEngineBesideItsShippedRecord() async throws {
    let llm = try await SimulatedLLM(options: [])
    let folder = try folder()
    let notebooks = SimulatedLLM.repositoryRoot.appendingPathComponent("notebooks")
    let name = "paper-1-centralized-vs-federated"
    for item in ["\(name).ftg", "\(name).out"] {
      try FileManager.default.copyItem(
        at: notebooks.appendingPathComponent(item), to: folder.appendingPathComponent(item))
    }
    let shipped = try String(contentsOf: folder.appendingPathComponent("\(name).out/cells.json"), encoding: .utf8)
    let path = folder.appendingPathComponent("\(name).ftg").path
    let dry = try await ProcessRun.run(
      ftg, ["run", path, "--dry", "--engine", "ollama-sim"], environment: environment(llm, folder))
    #expect(dry.status == 0 && dry.errors.contains("total: ") && dry.errors.contains("calls (at most"))
    let run = try await ProcessRun.run(
      ftg, ["run", path, "--fresh", "--engine", "ollama-sim", "--yes"], environment: environment(llm, folder))
    #expect(run.status == 0, "\(run.errors)")
    let variant = folder.appendingPathComponent("\(name).ollama-sim.out/cells.json")
    let recorded = try String(contentsOf: variant, encoding: .utf8)
    #expect(recorded.contains("These runs used the engine `ollama-sim`"))
    #expect(try String(contentsOf: folder.appendingPathComponent("\(name).out/cells.json"), encoding: .utf8) == shipped)
  }

  @Test(.enabled(if: TerminalScript.isAvailable, "tmux is not installed (apt-get install tmux)"))
  func aFreshRunAtATerminalShowsTheCeilingAndAsksBeforeAnyCall() async throws {
    let stats = try FTGBinary.temporaryHome().appendingPathComponent("stats.json")
    let llm = try await SimulatedLLM(options: ["--stats", stats.path])
    let folder = try folder()
    let path = folder.appendingPathComponent("params.ftg").path
    let script = TerminalScript(
      steps: [
        .waitForText("total: "), .waitForLastLine("Run it live? [y/N]"),
        .type("n"), .key("Enter"), .waitForText("not run"), .waitForText("[exit 0]"),
      ], arguments: ["run", path, "--fresh", "--engine", "ollama-sim"], environment: environment(llm, folder))
    let result = try await script.run(ftg: ftg)
    #expect(result.passed, "\(result.transcript)")
    #expect(result.transcript.contains("calls (at most"))
    // Nothing reached the server: the estimate came from the dry run.
    #expect(!FileManager.default.fileExists(atPath: stats.path))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("params.ollama-sim.out").path))
  }
}
