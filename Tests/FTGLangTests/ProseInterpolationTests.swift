import Foundation
import Testing

@testable import FTGLang

/// Prose cells that interpolate values: run when recorded, checked on replay, escaped on export.
@Suite struct ProseInterpolationTests {
  static let text = """
    %% setup
    let scores = [0.5, 0.75]
    let name = "<b>uid</b>"
    %% md
    The mean is \\(scores.mean()) over \\(scores.count) runs of \\(name); write \\\\(x) for a literal.
    Parentheses in strings do not confuse it: \\("a)b".count).
    %% md
    Plain prose is not recorded.
    """

  private func notebookFile(_ text: String = ProseInterpolationTests.text) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-prose-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("prose.ftg").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  private func run(_ path: String, _ options: NotebookRunner.Options = .init()) async -> NotebookRunner.Report {
    let session = Session(host: TestHost(), moduleSearchPaths: [])
    return await NotebookRunner(session: session, options: options).run(path: path)
  }

  @Test func theTemplateFindsExpressionsAndTheirPlaces() {
    let cell = Notebook(path: "p.ftg", text: Self.text).cells[1]
    #expect(cell.name == "md 1")
    let template = ProseTemplate(cell)
    #expect(template.expressions.map(\.source) == ["scores.mean()", "scores.count", "name", "\"a)b\".count"])
    #expect(template.expressions[0].line == 5 && template.expressions[0].column == 15)
    #expect(template.rendered(values: ["A", "B", "C", "D"]).contains("write \\(x) for a literal"))
  }

  @Test func valuesAreRecordedReplayedAndAnEditedNumberIsADivergence() async throws {
    let path = try notebookFile()
    let first = await run(path)
    #expect(first.errors.isEmpty)
    #expect(first.cells.map(\.name) == ["setup", "md 1"])
    let record = try #require(try NotebookRecord.load(for: path))
    let prose = try #require(record.cell(named: "md 1"))
    #expect(prose.values == ["0.625", "2", "<b>uid</b>", "3"])
    #expect(prose.output.hasPrefix("The mean is 0.625 over 2 runs of <b>uid</b>;"))
    #expect(record.cell(named: "md 2") == nil)

    let second = await run(path, .init(offline: true))
    #expect(second.cells.map(\.status) == [.replayed, .replayed])

    let cellsFile = NotebookRecord.folder(for: path) + "/cells.json"
    let edited = try String(contentsOfFile: cellsFile, encoding: .utf8)
      .replacingOccurrences(of: "The mean is 0.625", with: "The mean is 0.725")
    try edited.write(toFile: cellsFile, atomically: true, encoding: .utf8)
    let third = await run(path, .init(offline: true))
    #expect(third.diverged)
    #expect(third.summary.contains("replay divergence in cell 'md 1'"))
  }

  @Test func aChangedUpstreamCellChangesTheProse() async throws {
    let path = try notebookFile()
    _ = await run(path)
    try Self.text.replacingOccurrences(of: "[0.5, 0.75]", with: "[1, 1, 1]").write(
      toFile: path, atomically: true, encoding: .utf8)
    let rerun = await run(path)
    #expect(rerun.cells.map(\.status) == [.ran, .ran])
    #expect(try NotebookRecord.load(for: path)?.cell(named: "md 1")?.values?.prefix(2) == ["1", "3"])
  }

  @Test func aFailingExpressionIsAnErrorAtItsPlace() async throws {
    let path = try notebookFile("%% md\nValue: \\(missing + 1).\n")
    let report = await run(path)
    let session = Session(host: TestHost(), moduleSearchPaths: [])
    let rendered = report.errors.map { session.render($0, color: false) }
    #expect(rendered.first?.contains("prose.ftg:2:10: error: unknown name 'missing'") == true)
  }

  @Test func exportsShowTheValuesAsEscapedText() async throws {
    let path = try notebookFile()
    _ = await run(path)
    let notebook = Notebook(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
    let exporter = NotebookExporter(notebook: notebook, record: try NotebookRecord.load(for: path))
    let html = exporter.html()
    #expect(html.contains("The mean is 0.625 over 2 runs of &lt;b&gt;uid&lt;/b&gt;"))
    #expect(!html.contains("<b>uid</b>"))
    #expect(exporter.markdown().contains("The mean is 0\\.625 over 2 runs of"))
  }
}
