import Foundation

/// Where the debug `ftg-bench` is: `$FTG_BENCH`, or the build folder of the `Bench/` package,
/// where `swift build --package-path Bench` puts it beside the `ftg` it measures.
enum BenchBinary {
  static let path: String? = {
    if let explicit = ProcessInfo.processInfo.environment["FTG_BENCH"], !explicit.isEmpty {
      return explicit
    }
    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let bench = packageRoot.appendingPathComponent("Bench/.build/debug/ftg-bench").path
    let ftg = URL(fileURLWithPath: bench).deletingLastPathComponent().appendingPathComponent("ftg").path
    let files = FileManager.default
    return files.isExecutableFile(atPath: bench) && files.isExecutableFile(atPath: ftg) ? bench : nil
  }()
}
