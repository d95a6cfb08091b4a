import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

@Suite struct NotebookTests {
  static let text = """
    # A tiny notebook
    %% constants
    let unrelated = 1
    %% setup
    let base = 10
    %% md
    Some *prose* with "quotes" that is not code.
    %% double
    let twice = base * 2
    print("twice", twice)
    %% figure
    plot([{round: 0, acc: twice / 100}, {round: 1, acc: 0.3}], y: "acc")
    %% other
    print(unrelated)
    """

  private func notebookFile(_ text: String = NotebookTests.text) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-nb-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("demo.ftg").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  private func run(_ path: String, _ options: NotebookRunner.Options = .init()) async -> NotebookRunner.Report {
    let session = Session(host: TestHost(), moduleSearchPaths: [])
    return await NotebookRunner(session: session, options: options).run(path: path)
  }

  @Test func splitsCellsAtMarkers() {
    let notebook = Notebook(path: "demo.ftg", text: Self.text)
    #expect(notebook.cells.map(\.kind) == [.preamble, .code, .code, .prose, .code, .code, .code])
    #expect(notebook.codeCells.map(\.name) == ["constants", "setup", "double", "figure", "other"])
    #expect(notebook.codeCells[2].firstLine == 9)
    #expect(Notebook(path: "x", text: "print(1)").codeCells.map(\.name) == ["cell 1"])
  }

  @Test func firstRunRecordsThenReplays() async throws {
    let path = try notebookFile()
    let first = await run(path)
    #expect(first.errors.isEmpty)
    #expect(first.cells.map(\.status) == [.ran, .ran, .ran, .ran, .ran])
    let folder = NotebookRecord.folder(for: path)
    #expect(FileManager.default.fileExists(atPath: folder + "/figures/figure-1.svg"))
    let recordText = try String(contentsOfFile: folder + "/cells.json", encoding: .utf8)
    let figureCell = try #require(try NotebookRecord.load(for: path)?.cell(named: "figure"))
    #expect(
      figureCell.figures == ["figures/figure-1.svg"] && figureCell.value == "", "the SVG, not also its text rendering")
    let second = await run(path)
    #expect(second.cells.map(\.status) == [.replayed, .replayed, .replayed, .replayed, .replayed])
    #expect(try String(contentsOfFile: folder + "/cells.json", encoding: .utf8) == recordText)
  }

  @Test func anEditRerunsTheCellAndItsDependentsOnly() async throws {
    let path = try notebookFile()
    _ = await run(path)
    try Self.text.replacingOccurrences(of: "let base = 10", with: "let base = 20")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let report = await run(path)
    #expect(report.cells.map(\.status) == [.replayed, .ran, .ran, .ran, .replayed])
    let record = try #require(try NotebookRecord.load(for: path))
    #expect(record.cell(named: "double")?.output == "twice 40\n")
  }

  @Test func aChangedOutputIsADivergenceWithADiff() async throws {
    let path = try notebookFile()
    _ = await run(path)
    let cells = NotebookRecord.folder(for: path) + "/cells.json"
    let tampered = try String(contentsOfFile: cells, encoding: .utf8).replacingOccurrences(
      of: "twice 20", with: "twice 21")
    try tampered.write(toFile: cells, atomically: true, encoding: .utf8)
    let report = await run(path)
    guard case .diverged(let diff) = report.cells[2].status else {
      Issue.record("expected a divergence, got \(report.cells)")
      return
    }
    #expect(diff.contains("- twice 21") && diff.contains("+ twice 20"))
    #expect(report.recordPath == nil)
  }

  @Test func aHostileRecordIsAClearError() async throws {
    let path = try notebookFile()
    _ = await run(path)
    let cells = NotebookRecord.folder(for: path) + "/cells.json"
    for junk in [
      "{\"version\": 1, \"notebook\": 3, \"cells\": []}", "{\"version\": 1", "[]",
      String(repeating: "x", count: 100_000),
    ] {
      try junk.write(toFile: cells, atomically: true, encoding: .utf8)
      let report = await run(path)
      #expect(report.errors.first?.message.hasPrefix("cannot read notebook record") == true)
    }
    #expect(await run(path, .init(fresh: true)).errors.isEmpty)
    let calls = NotebookRecord.folder(for: path) + "/llm.jsonl"
    for junk in [
      "{\"cell\": 1}\n", "{\"cell\": \"setup\", \"key\": \"k\", \"request\"", String(repeating: "y", count: 1_000_000),
    ] {
      try junk.write(toFile: calls, atomically: true, encoding: .utf8)
      let report = await run(path)
      #expect(report.errors.first?.message.contains("llm.jsonl") == true, "\(report.errors)")
      #expect(report.errors.first?.message.contains("line 1 is not a recorded call") == true, "\(report.errors)")
    }
    try FileManager.default.removeItem(atPath: calls)
    let tasks = RecordedTasks.path(for: path)
    let hostileTasks = [
      "{\"version\": 1, \"tasks\": {\"gsm8k\": {\"train\": 3}}}",
      "{\"version\": 1, \"tasks\": {\"chess\": {\"train\": [], \"val\": [], \"test\": []}}}",
      "{\"version\": 9, \"tasks\": {}}", String(repeating: "[", count: 100_000),
    ]
    for junk in hostileTasks {
      try junk.write(toFile: tasks, atomically: true, encoding: .utf8)
      let message = await run(path).errors.first?.message ?? ""
      #expect(message.hasPrefix("cannot read notebook record '\(tasks)'"), "\(message)")
    }
  }

  @Test func onlyStopsAfterTheNamedCell() async throws {
    let path = try notebookFile()
    let report = await run(path, .init(only: "double"))
    #expect(report.cells.map(\.name) == ["constants", "setup", "double"])
  }

  @Test func errorsPointAtTheFileLine() async throws {
    let path = try notebookFile(Self.text.replacingOccurrences(of: "print(unrelated)", with: "print(unrelatd)"))
    let report = await run(path)
    #expect(report.errors.first?.range.start.line == 14)
    #expect(report.errors.first?.message == "unknown name 'unrelatd'; did you mean 'unrelated'?")
  }
}

@Suite struct NotebookExportTests {
  @Test func exportsProseCodeOutputsAndFiguresFromTheRecord() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("demo.ftg").path
    try NotebookTests.text.write(toFile: path, atomically: true, encoding: .utf8)
    _ = await NotebookRunner(session: Session(host: TestHost(), moduleSearchPaths: [])).run(path: path)
    let notebook = Notebook(path: path, text: NotebookTests.text)
    let exporter = NotebookExporter(notebook: notebook, record: try NotebookRecord.load(for: path))
    let md = exporter.markdown()
    #expect(md.hasPrefix("# A tiny notebook"))
    #expect(md.contains("```ftg\nlet twice = base * 2"))
    #expect(md.contains("```text\ntwice 20\n```"))
    #expect(md.contains("![figure](demo.out/figures/figure-1.svg)"))
    #expect(md.contains("Some *prose* with \"quotes\""))
    let html = exporter.html()
    #expect(html.contains("<em>prose</em>"))
    #expect(html.contains("<figure><svg"))
    #expect(html.contains("let twice = base * 2"))
  }

  @Test func cellsWithoutARecordSaySo() {
    let notebook = Notebook(path: "/tmp/none.ftg", text: "%% a\nprint(1)")
    #expect(NotebookExporter(notebook: notebook, record: nil).markdown().contains("No recorded output"))
  }
}

/// A notebook that calls an LLM: the first run records the calls, and an offline run with no
/// server replays them exactly.
@Suite(.serialized) struct NotebookReplayTests {
  /// A folder of its own for a notebook, and the path `llm.ftg` in it.
  private func notebookPath() throws -> (folder: URL, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-replay-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (folder, folder.appendingPathComponent("llm.ftg").path)
  }

  @Test func rerenderRewritesOutputsFromRecordedAnswersAndCallsNoModel() async throws {
    func run(_ path: String, _ options: NotebookRunner.Options = .init()) async -> NotebookRunner.Report {
      await NotebookRunner(session: Session(host: TestHost(), moduleSearchPaths: []), options: options).run(path: path)
    }
    let path = try notebookPath().path
    var llm: SimulatedLLM? = try await SimulatedLLM()
    let text = """
      %% setup
      let e = engine("simulated", base: "\(llm?.base ?? "")", cache: false)
      let t = task("object_counting", val: 3)
      %% ask
      print(llm(prompt(t.prompt), t.train[0].x, engine: e).value)
      %% score
      print(accuracy(prompt(t.prompt), t.val, engine: e, task: t))
      """
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(await run(path).errors.isEmpty)
    llm = nil
    let cells = NotebookRecord.folder(for: path) + "/cells.json"
    let calls = try String(contentsOfFile: RecordedCalls.path(for: path), encoding: .utf8)
    let recorded = try String(contentsOfFile: cells, encoding: .utf8)
    // An output as an older ftg printed it: a replay calls it a divergence.
    try recorded.replacingOccurrences(of: "Answer:", with: "Old answer:").write(
      toFile: cells, atomically: true, encoding: .utf8)
    #expect(await run(path, .init(offline: true)).diverged)
    let rerendered = await run(path, .init(rerender: true))
    #expect(rerendered.errors.isEmpty)
    #expect(rerendered.cells.map(\.status) == [.rerendered, .rerendered, .rerendered])
    #expect(rerendered.summary.hasPrefix("notebook: 3 cell(s) rerendered from their recorded answers"))
    #expect(try String(contentsOfFile: cells, encoding: .utf8) == recorded)
    #expect(try String(contentsOfFile: RecordedCalls.path(for: path), encoding: .utf8) == calls)
    // A call the record cannot answer is an error naming the cell; no server is asked.
    try (text + "\n%% more\nprint(llm(prompt(t.prompt), \"How many?\", engine: e).value)\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    let more = await run(path, .init(rerender: true))
    let message = more.errors.first?.message ?? ""
    #expect(
      message.contains("cell 'more' needs a live call") && message.contains("--rerender only answers from the record"))
  }

  @Test func offlineReplayNeedsNoServer() async throws {
    let (folder, path) = try notebookPath()
    var llm: SimulatedLLM? = try await SimulatedLLM()
    let text = """
      %% setup
      let e = engine("simulated", base: "\(llm?.base ?? "")", cache: false)
      let t = task("object_counting")
      %% ask
      let p = prompt(t.prompt)
      let r = llm(p, t.train[0].x, engine: e)
      print(r.value)
      %% score
      print(accuracy(p, t.val[0..<5], engine: e, task: t))
      %% usage
      let run = federate(clients(split(task("object_counting", train: 4, val: 2, test: 2), 2), engine: e), rounds: 1, steps: 1, batch: 1)
      print(e.calls, e.tokens > 0, table(run))
      """
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let live = await NotebookRunner(session: Session(host: TestHost(), moduleSearchPaths: [])).run(path: path)
    #expect(live.errors.isEmpty)
    let lines = try String(contentsOfFile: RecordedCalls.path(for: path), encoding: .utf8).split(separator: "\n")
    #expect(lines.count > 6)
    #expect(!lines.joined().contains("127.0.0.1"))
    await llm?.stop()
    llm = nil
    let recordedTasks = try RecordedTasks.load(for: path)
    #expect(recordedTasks.tasks.keys.sorted() == ["object_counting"])
    #expect(recordedTasks.tasks["object_counting"]?.val.count == 100, "the whole task, whatever subset a cell cut")
    // No dataset anywhere: the record's task data is what the replay reads.
    let empty = folder.appendingPathComponent("no-data").path
    var environment = TestHost.defaultEnvironment
    environment["FTG_DATA_DIR"] = empty
    environment["FTG_CACHE_DIR"] = empty
    let host = TestHost(environment: environment)
    let offline = await NotebookRunner(
      session: Session(host: host, moduleSearchPaths: []), options: .init(offline: true)
    ).run(path: path)
    #expect(offline.errors.isEmpty)
    #expect(
      offline.cells.map(\.status) == [.replayed, .replayed, .replayed, .replayed],
      "usage replays as it ran: \(offline.summary)")
    #expect(host.output.contains("Answer:"))

    try text.replacingOccurrences(of: "t.val[0..<5]", with: "t.val[0..<6]").write(
      toFile: path, atomically: true, encoding: .utf8)
    let changed = await NotebookRunner(
      session: Session(host: TestHost(), moduleSearchPaths: []), options: .init(offline: true)
    ).run(path: path)
    #expect(changed.errors.first?.message.contains("offline run: cell 'score' needs a live call") == true)
  }
}
