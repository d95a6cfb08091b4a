import Foundation

/// The built `ftg` executable the end-to-end tests drive: `$FTG_BINARY`, else `ftg` beside
/// the test bundle (SwiftPM puts both in `.build/<triple>/debug`), else `.build/debug/ftg`
/// under the package root.
enum FTGBinary {
  static let path: String? = {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["FTG_BINARY"], !explicit.isEmpty { return explicit }
    var candidates: [URL] = []
    if let runner = Bundle.main.executableURL {
      var folder = runner.deletingLastPathComponent()
      while folder.pathExtension == "xctest" || folder.path.contains(".xctest/") {
        folder.deleteLastPathComponent()
      }
      candidates.append(folder.appendingPathComponent("ftg"))
    }
    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(packageRoot.appendingPathComponent(".build/debug/ftg"))
    return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// A fresh temporary folder, used as HOME so the user's history and editrc stay untouched.
  static func temporaryHome() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("ftg-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }
}
