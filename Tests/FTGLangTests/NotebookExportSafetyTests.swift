import Foundation
import Testing

@testable import FTGLang

/// The HTML export of a hostile notebook holds nothing that can run, every export carries
/// the content security policy, and ftg's own figures come through the sanitizer unchanged.
@Suite struct NotebookExportSafetyTests {
  static let policyTag =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; "
    + "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"

  private func export(_ path: String) throws -> String {
    let notebook = Notebook(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
    return NotebookExporter(notebook: notebook, record: try NotebookRecord.load(for: path)).html()
  }

  private func body(_ html: String) -> String {
    String(html[(html.range(of: "<body>")?.upperBound ?? html.startIndex)...])
  }

  @Test func theHostileNotebookExportsNoExecutableContent() async throws {
    let html = try export(try await HostileNotebook.recorded())
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n\(Self.policyTag)\n"))
    let body = body(html).lowercased()
    // Checked on the text itself, without the exporter's own tokenizer.
    for forbidden in [
      "<script", "<iframe", "<object", "<embed", "<style", "<form", "<base", "<meta", "<link",
      "<input", "<button", "<foreignobject", "<body", "<noscript", "<animate", "<video", "<source",
    ] {
      #expect(!body.contains(forbidden), "the body has \(forbidden)")
    }
    let insideTags = try Regex("<[^>]*>")
    for tag in body.matches(of: insideTags).map({ String(body[$0.range]) }) {
      #expect(tag.firstMatch(of: try Regex("\\son[a-z]+\\s*=")) == nil, "\(tag)")
      #expect(!tag.contains("style=") && !tag.contains("srcdoc") && !tag.contains("formaction"), "\(tag)")
      #expect(!tag.contains("script:") && !tag.contains("&#") && !tag.contains("&colon;"), "\(tag)")
      #expect(!tag.contains("data:text") && !tag.contains("autofocus"), "\(tag)")
    }
    #expect(body.contains("<a href=\"https://example.com/?a=1&amp;b=2\">fine one</a>"))
    #expect(body.contains("<a>javascript link</a>") && body.contains("<a>data page</a>"))
    #expect(body.contains(">&lt;/svg&gt;&lt;script&gt;document.title+=' ran:svgtitle'&lt;/script&gt;</text>"))
    #expect(
      body.contains(
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\">\n\n\n"
          + "<rect width=\"100\" height=\"50\" fill=\"#1f77b4\"/>\n\n</svg></figure>"))
  }

  @Test func everyExportStartsItsHeadWithThePolicy() throws {
    let withoutRecord = NotebookExporter(notebook: Notebook(path: "/tmp/none.ftg", text: "%% a\nprint(1)"), record: nil)
    #expect(withoutRecord.html().contains("<head>\n\(Self.policyTag)\n<meta charset=\"utf-8\">"))
    for name in Self.shippedNotebooks {
      let html = try export(ShippedScriptsTests.root.appendingPathComponent("notebooks/\(name)").path)
      #expect(html.contains("<head>\n\(Self.policyTag)\n<meta charset=\"utf-8\">"), "\(name)")
    }
  }

  /// The sanitizer leaves every figure a shipped notebook recorded byte for byte as it was
  /// (but for the final newline), and the export inlines every one of them.
  @Test(arguments: shippedNotebooks)
  func shippedFiguresComeThroughUnchanged(_ name: String) throws {
    let path = ShippedScriptsTests.root.appendingPathComponent("notebooks/\(name)").path
    let figures = try NotebookRecord.load(for: path)?.cells.flatMap(\.figures) ?? []
    let html = try export(path)
    for figure in figures {
      let svg = try String(contentsOfFile: NotebookRecord.folder(for: path) + "/" + figure, encoding: .utf8)
      #expect(HTMLSanitizer(policy: .svg).sanitized(svg) == svg.trimmingCharacters(in: .newlines), "\(figure)")
      #expect(html.contains("<figure>\(svg.trimmingCharacters(in: .newlines))</figure>"), "\(figure)")
    }
    #expect(html.components(separatedBy: "<figure><svg").count - 1 == figures.count)
  }

  /// The sanitizer takes nothing from the shipped notebooks' prose: every Markdown cell comes
  /// out exactly as Ink renders it.
  @Test(arguments: shippedNotebooks)
  func shippedProseComesThroughUnchanged(_ name: String) throws {
    let path = ShippedScriptsTests.root.appendingPathComponent("notebooks/\(name)").path
    let notebook = Notebook(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
    for cell in notebook.cells where cell.kind == .prose {
      let prose = ProseText(markdown: cell.source)
      #expect(prose.html() == prose.renderedMarkdown().html)
    }
  }

  /// Every text `SVGChart` writes is escaped: hostile titles, labels, series and category
  /// names leave nothing for the sanitizer to take out.
  @Test(arguments: [Figure.Kind.line, .bar])
  func chartTextIsEscaped(_ kind: Figure.Kind) {
    let hostile = "</svg><script>alert(1)</script>\"'&amp;"
    let figure = Figure(
      kind: kind, title: hostile, xLabel: hostile, yLabel: hostile,
      series: [.init(name: hostile, points: [(0, 1), (1, 2)])], categories: [hostile, hostile])
    let svg = SVGChart(figure: figure).render()
    #expect(!svg.contains("<script") && !svg.contains("</svg><"))
    #expect(svg.contains(">&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&amp;amp;</text>"))
    #expect(HTMLSanitizer(policy: .svg).sanitized(svg) == svg.trimmingCharacters(in: .newlines))
  }

  @Test(arguments: ["../../secret.svg", "figures/../../secret.svg", "/etc/passwd", "figures/a.txt", "figures/"])
  func aFigureOutsideTheRecordsFiguresFolderIsNotRead(_ figure: String) {
    let record = NotebookRecord(
      notebook: "x.ftg", cells: [.init(name: "a", key: "k", output: "", value: "", figures: [figure])])
    let html = NotebookExporter(notebook: Notebook(path: "/tmp/x.ftg", text: "%% a\nprint(1)"), record: record).html()
    #expect(html.contains("is not in the record's figures folder</p>"))
    #expect(!html.contains("<figure>"))
  }

  static var shippedNotebooks: [String] {
    let folder = ShippedScriptsTests.root.appendingPathComponent("notebooks").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".ftg") }
      .sorted()
  }
}
