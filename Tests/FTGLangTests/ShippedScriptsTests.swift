import FTGLang
import Foundation
import Testing
import TextGrad

/// Every shipped `stdlib/*.ftg` and `notebooks/*.ftg` runs to the end without an error, and
/// every notebook replays offline from its record with no divergence and no dataset on the
/// machine (what CI promises: a fresh machine with no network, no LLM and no data).
@Suite(.serialized) struct ShippedScriptsTests {
  static let root = URL(fileURLWithPath: stdlibPath).deletingLastPathComponent()

  static var files: [String] {
    ["notebooks", "stdlib"].flatMap { folder in
      let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
      return names.filter { $0.hasSuffix(".ftg") }.sorted().map { "\(folder)/\($0)" }
    }
  }

  @Test(arguments: files)
  func runs(_ file: String) async throws {
    let path = Self.root.appendingPathComponent(file).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var environment = TestHost.defaultEnvironment
    if Notebook.hasCellMarkers(text) {
      let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-no-data-\(UUID().uuidString)")
        .path
      environment["FTG_DATA_DIR"] = nowhere
      environment["FTG_CACHE_DIR"] = nowhere
    }
    let session = Session(host: TestHost(environment: environment), moduleSearchPaths: [stdlibPath])
    guard Notebook.hasCellMarkers(text) else {
      if case .failure(let diagnostics) = await session.load(path: path) {
        let rendered = diagnostics.map { session.render($0, color: false) }.joined(separator: "\n")
        Issue.record("\(file) failed:\n\(rendered)")
      }
      return
    }
    let report = await NotebookRunner(session: session, options: .init(offline: true)).run(path: path)
    let rendered = report.errors.map { session.render($0, color: false) }.joined(separator: "\n")
    #expect(report.errors.isEmpty, "\(file): \(rendered)")
    #expect(!report.diverged, "\(file): \(report.summary)")
    #expect(
      report.cells.allSatisfy { $0.status == .replayed }, "\(file) has cells not in its record: \(report.summary)")
  }

  /// The quickstart teaches what one step does; a reply cut at `max_tokens` or looping on
  /// one span would teach the wrong thing.
  @Test func theQuickstartsRecordHasNoTruncatedOrDegenerateReply() throws {
    let calls = Self.root.appendingPathComponent("notebooks/quickstart.out/llm.jsonl")
    let lines = try String(contentsOf: calls, encoding: .utf8).split(separator: "\n")
    #expect(lines.count > 10)
    for line in lines {
      let call = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      let response = call?["response"] as? [String: Any]
      let text = response?["text"] as? String ?? ""
      #expect(response?["finishReason"] as? String == "stop", "cut off in cell \(call?["cell"] ?? "?")")
      #expect(!DegenerateReply.detect(text), "degenerate in cell \(call?["cell"] ?? "?"): \(text.suffix(200))")
    }
  }

  @Test func languageTourPrintsItsTour() async {
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [stdlibPath])
    _ = await session.load(path: Self.root.appendingPathComponent("notebooks/language-tour.ftg").path)
    #expect(host.output.contains("object_counting: 3 clients x 3 local steps"))
    #expect(host.output.contains("round-over-round gains: [0.07, 0.06, -0.02]"))
  }
}
