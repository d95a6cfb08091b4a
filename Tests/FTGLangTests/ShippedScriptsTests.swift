import FTGLang
import Foundation
import Testing

/// Every shipped `notebooks/*.ftg` and `stdlib/*.ftg` runs to the end without an error.
@Suite struct ShippedScriptsTests {
  static let root = URL(fileURLWithPath: stdlibPath).deletingLastPathComponent()

  static var files: [String] {
    ["notebooks", "stdlib"].flatMap { folder in
      let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
      return names.filter { $0.hasSuffix(".ftg") }.sorted().map { "\(folder)/\($0)" }
    }
  }

  @Test(arguments: files)
  func runs(_ file: String) async {
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [stdlibPath])
    let outcome = await session.load(path: Self.root.appendingPathComponent(file).path)
    if case .failure(let diagnostics) = outcome {
      let rendered = diagnostics.map { session.render($0, color: false) }.joined(separator: "\n")
      Issue.record("\(file) failed:\n\(rendered)")
    }
  }

  @Test func quickstartPrintsItsTour() async {
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [stdlibPath])
    _ = await session.load(path: Self.root.appendingPathComponent("notebooks/quickstart.ftg").path)
    #expect(host.output.contains("object_counting: 3 clients x 3 local steps"))
    #expect(host.output.contains("round-over-round gains: [0.07, 0.06, -0.02]"))
  }
}
