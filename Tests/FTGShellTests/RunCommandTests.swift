import FTGTestSupport
import Foundation
import Testing

/// `ftg run`, `ftg --version` and piped programs, through the real binary: exit status 0 on
/// success, 1 on a script error, 2 on bad usage, 4 when a budget stopped the script, 5 when an
/// engine's server could not be reached, 6 when an engine could not be made as named.
@Suite(.enabled(if: FTGBinary.path != nil, "the ftg binary is not built"))
struct RunCommandTests {
  let ftg = FTGBinary.path ?? ""

  private func script(_ text: String) throws -> String {
    let file = try FTGBinary.temporaryHome().appendingPathComponent("script.ftg")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  @Test func aScriptThatRunsExitsZero() async throws {
    let run = try await ProcessRun.run(ftg, ["run", try script("# nothing to do\n")])
    #expect(run.status == 0)
    #expect(run.errors.isEmpty)
  }

  @Test func aBudgetThatStopsAScriptExitsFourAndSaysHowToResume() async throws {
    let llm = try await SimulatedLLM()
    let path = try script(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let t = task("object_counting", val: 5)
      budget(calls: 2) { accuracy(prompt(t.prompt), t.val, engine: e, task: t) }
      """)
    let run = try await ProcessRun.run(
      ftg, ["run", path], environment: ["FTG_DATA_DIR": SimulatedLLM.sharedDataPath])
    #expect(run.status == 4)
    #expect(run.errors.contains("budget reached (2 of 2 calls spent under budget(calls: 2))"))
    #expect(run.errors.contains("running the same code with a larger budget resumes"))
  }

  @Test func aDeadServerExitsFiveAndAMissingKeySix() async throws {
    let dead = try script(
      """
      let e = engine("somewhere", base: "http://127.0.0.1:9/v1", cache: false, retries: 0)
      let t = task("object_counting", val: 2)
      accuracy(prompt(t.prompt), t.val, engine: e, task: t)
      """)
    let unreachable = try await ProcessRun.run(
      ftg, ["run", dead], environment: ["FTG_DATA_DIR": SimulatedLLM.sharedDataPath])
    #expect(unreachable.status == 5, "\(unreachable.errors)")
    #expect(unreachable.errors.contains("cannot connect to http://127.0.0.1:9/v1"))
    let keyless = try script(
      """
      engine("somewhere", base: "http://127.0.0.1:9/v1", key_env: "FTG_TEST_KEY_THAT_IS_NOT_SET")
      """)
    let misconfigured = try await ProcessRun.run(ftg, ["run", keyless])
    #expect(misconfigured.status == 6, "\(misconfigured.errors)")
    #expect(misconfigured.errors.contains("missing API key: set the environment variable FTG_TEST_KEY_THAT_IS_NOT_SET"))
  }

  @Test func aNotebookReplayedWithStepWalksThroughItsRecordedCallsOffline() async throws {
    let notebook = SimulatedLLM.repositoryRoot.appendingPathComponent("notebooks/quickstart.ftg").path
    let empty = try FTGBinary.temporaryHome().path
    let run = try await ProcessRun.run(
      ftg, ["run", notebook, "--offline", "--step"], input: "\nc\n",
      environment: ["FTG_DATA_DIR": empty, "FTG_CACHE_DIR": empty])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("── call 1 · "))
    #expect(run.output.contains("reply (from the record): "))
    #expect(run.output.contains("── call 2 · "))
    #expect(!run.output.contains("── call 3 · "))
  }

  @Test func aMissingFileIsAUsageErrorNamingThePath() async throws {
    let run = try await ProcessRun.run(ftg, ["run", "/no/such/dir/exp.ftg"])
    #expect(run.status == 2)
    #expect(run.errors == "ftg: cannot read '/no/such/dir/exp.ftg': no such file\n")
  }

  @Test func aFolderIsAUsageError() async throws {
    let run = try await ProcessRun.run(ftg, ["run", NSTemporaryDirectory()])
    #expect(run.status == 2)
    #expect(run.errors.contains("it is a folder"))
  }

  @Test(arguments: [["run"], ["--bogus"], ["run", "x.ftg", "--bogus"], ["walk"]])
  func badUsageExitsTwo(arguments: [String]) async throws {
    let run = try await ProcessRun.run(ftg, arguments)
    #expect(run.status == 2)
    #expect(run.errors.contains("Usage: ftg"))
  }

  @Test func versionAndHelpExitZero() async throws {
    let version = try await ProcessRun.run(ftg, ["--version"])
    #expect(version.status == 0)
    #expect(version.output == "0.1.0\n")
    let help = try await ProcessRun.run(ftg, ["--help"])
    #expect(help.status == 0)
    #expect(help.output.contains("run"))
  }

  // MARK: - Need the real language (FTGLang's Session); they fail against its placeholder.

  @Test(.tags(.needsRealLanguage))
  func realLanguage_aScriptErrorExitsOneWithTheRenderedDiagnostic() async throws {
    let path = try script("let x = 1\nlet y = x +* 2\n")
    let run = try await ProcessRun.run(ftg, ["run", path])
    #expect(run.status == 1)
    #expect(run.errors.contains("\(path):2:"))
  }

  @Test(.tags(.needsRealLanguage))
  func realLanguage_scriptArgumentsArriveAsArgs() async throws {
    let path = try script("print(args)\n")
    let run = try await ProcessRun.run(ftg, ["run", path, "--", "-n", "3"])
    #expect(run.status == 0)
    #expect(run.output == "[\"-n\", \"3\"]\n")
  }

  @Test(.tags(.needsRealLanguage))
  func realLanguage_aPipedProgramRunsWithoutPromptsOrEcho() async throws {
    let run = try await ProcessRun.run(ftg, [], input: "let x = 2\nx + 1\nprint(x * 10)\n")
    #expect(run.status == 0)
    #expect(run.output == "20\n")
    let failing = try await ProcessRun.run(ftg, [], input: "print(nope)\n")
    #expect(failing.status == 1)
    #expect(failing.errors.contains("<stdin>:1:"))
  }
}
