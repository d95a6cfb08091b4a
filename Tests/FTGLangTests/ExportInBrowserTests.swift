import Foundation
import Testing

@testable import FTGLang

/// Exported pages opened in a real browser (headless Chromium).
///
/// The hostile notebook's payloads all run on an unprotected page, and none runs on its export, nor with only one
/// of the two protections (the sanitizer, the content security policy) in place. A shipped
/// notebook's export loads without the policy refusing anything it needs.
///
/// Every payload appends ` ran:NAME` to the page title, so the title in the DOM Chromium
/// dumps after loading says which ran. Without Chromium these tests fail: they must not pass
/// by checking nothing.
@Suite struct ExportInBrowserTests {
  static let title = "hostile.ftg"

  private func chromium() throws -> HeadlessChromium {
    try #require(HeadlessChromium.find(), Comment(rawValue: HeadlessChromium.missing))
  }

  private func ran(_ visit: HeadlessChromium.Visit) -> [String] {
    visit.title.components(separatedBy: " ran:").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
  }

  @Test func everyPayloadRunsOnAnUnprotectedPage() async throws {
    let visit = try await chromium().visit(HostileNotebook.unprotectedPage())
    #expect(visit.title.hasPrefix(Self.title), "\(visit.log)")
    #expect(Set(ran(visit)) == Set(HostileNotebook.firing), "\(visit.log)")
  }

  @Test func noPayloadRunsOnTheExport() async throws {
    let html = try await exportedHostileNotebook()
    let visit = try await chromium().visit(html)
    #expect(visit.title == Self.title, "\(visit.log)")
    #expect(visit.dom.contains("<figure><svg"))
  }

  @Test func theSanitizerAloneStopsEveryPayload() async throws {
    let html = try await exportedHostileNotebook()
    let policyLine = try #require(html.split(separator: "\n").first { $0.contains("Content-Security-Policy") })
    let visit = try await chromium().visit(html.replacingOccurrences(of: policyLine + "\n", with: ""))
    #expect(visit.title == Self.title, "\(visit.log)")
  }

  @Test func thePolicyAloneStopsEveryPayload() async throws {
    let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(NotebookExporter.contentSecurityPolicy)\">"
    let page = HostileNotebook.unprotectedPage().replacingOccurrences(of: "<head>", with: "<head>\(policy)")
    let visit = try await chromium().visit(page)
    #expect(visit.title == Self.title, "\(visit.log)")
  }

  /// The policy refuses nothing a shipped export uses: Chromium logs a refusal for every
  /// style, image or script the policy blocks, and this page logs none.
  @Test func aShippedExportNeedsNothingThePolicyRefuses() async throws {
    let path = ShippedScriptsTests.root.appendingPathComponent("notebooks/paper-2-local-steps.ftg").path
    let notebook = Notebook(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
    let html = NotebookExporter(notebook: notebook, record: try NotebookRecord.load(for: path)).html()
    let visit = try await chromium().visit(html)
    #expect(visit.status == 0, "\(visit.log)")
    #expect(visit.dom.contains("<figure><svg"))
    #expect(!visit.log.contains("Content Security Policy"), "\(visit.log)")
    let control = try await chromium().visit(html.replacingOccurrences(of: "<body>", with: "<body><img src=\"x.png\">"))
    #expect(control.log.contains("Content Security Policy"), "the refusal of an image is not logged:\n\(control.log)")
  }

  private func exportedHostileNotebook() async throws -> String {
    let path = try await HostileNotebook.recorded()
    let notebook = Notebook(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
    return NotebookExporter(notebook: notebook, record: try NotebookRecord.load(for: path)).html()
  }
}
