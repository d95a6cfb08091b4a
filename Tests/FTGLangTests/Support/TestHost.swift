import FTGLang
import FTGTestSupport
import Foundation

/// A host that keeps everything written, and serves files from memory when given some.
final class TestHost: SessionHost {
  private let written = Watched("")
  private let files: [String: String]?
  let environment: [String: String]
  /// Where runs write `runs/<id>/`: a folder of this host's own unless given.
  let workingDirectory: String

  init(
    files: [String: String]? = nil, environment: [String: String] = TestHost.defaultEnvironment,
    workingDirectory: String? = nil
  ) {
    self.files = files
    self.environment = environment
    self.workingDirectory =
      workingDirectory
      ?? FileManager.default.temporaryDirectory.appendingPathComponent("ftg-test-host-\(UUID().uuidString)").path
  }

  /// The process environment, with `FTG_DATA_DIR` pointing at the shared datasets.
  static var defaultEnvironment: [String: String] {
    var env = ProcessInfo.processInfo.environment
    if env["FTG_DATA_DIR"] == nil { env["FTG_DATA_DIR"] = sharedDataPath }
    env["FTG_CACHE_DIR"] = testCacheFolder
    return env
  }

  var output: String { written.current }

  func write(_ text: String) { written.update { $0 += text } }

  /// Returns once the output contains `text`.
  func waitForOutput(containing text: String) async throws {
    try await written.wait { $0.contains(text) }
  }
  func progress(_ text: String) {}

  func readFile(atPath path: String) throws -> String {
    guard let files else { return try String(contentsOfFile: path, encoding: .utf8) }
    guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
    return text
  }

  func fileExists(atPath path: String) -> Bool {
    guard let files else { return FileManager.default.fileExists(atPath: path) }
    return files[path] != nil
  }

  func directoryEntries(atPath path: String) -> [String] {
    guard let files else { return (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] }
    let folder = path.hasSuffix("/") ? path : path + "/"
    return files.keys.filter { $0.hasPrefix(folder) }.map { String($0.dropFirst(folder.count)) }
      .filter { !$0.contains("/") }
  }

  func writeFile(atPath path: String, contents: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url, options: .atomic)
  }
}

/// Runs `source` in a fresh session; returns what it printed and its rendered errors.
func run(_ source: String, file: String = "test.ftg", steps: Int? = nil, workingDirectory: String? = nil) async -> (
  output: String, errors: String
) {
  let host = TestHost(workingDirectory: workingDirectory)
  let session = Session(host: host, moduleSearchPaths: [stdlibPath])
  session.limitSteps(to: steps)
  switch await session.evaluate(source, file: file) {
  case .value: return (host.output, "")
  case .failure(let diagnostics):
    return (host.output, diagnostics.map { session.render($0, color: false) }.joined(separator: "\n"))
  }
}

/// The repository's `stdlib/` folder.
let stdlibPath = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("stdlib").path

/// `../shared/data` beside the repository, as laid out for developers and CI.
let sharedDataPath = SimulatedLLM.sharedDataPath

/// A response cache of this test process's own, so tests neither read nor fill the user's.
let testCacheFolder = FileManager.default.temporaryDirectory
  .appendingPathComponent("ftg-test-cache-\(ProcessInfo.processInfo.processIdentifier)").path
