import FTGTestSupport
import Foundation

/// Headless Chromium, run on a page to see what it does with it.
///
/// It reports the DOM after loading (with
/// scripts, timers and events run in virtual time, so nothing waits on the clock) and what it
/// logged. `scripts/test.sh` installs it; `$FTG_CHROMIUM` names another binary.
struct HeadlessChromium {
  let path: String

  /// The first of `$FTG_CHROMIUM`, `chromium`, `chromium-browser`, `google-chrome` found.
  static func find() -> HeadlessChromium? {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["FTG_CHROMIUM"], !explicit.isEmpty {
      return FileManager.default.isExecutableFile(atPath: explicit) ? HeadlessChromium(path: explicit) : nil
    }
    let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") + ["/usr/bin", "/usr/local/bin"]
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
      for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
        return HeadlessChromium(path: "\(folder)/\(name)")
      }
    }
    return nil
  }

  static let missing =
    "headless Chromium is needed to check exported pages and was not found: install it with "
    + "`apt-get install chromium` (scripts/test.sh does) or name it in FTG_CHROMIUM"

  /// What a page came to.
  struct Visit {
    var dom: String
    var log: String
    var status: Int32

    /// The text of the page's `<title>` after loading.
    var title: String {
      guard let start = dom.range(of: "<title>"),
        let end = dom.range(of: "</title>", range: start.upperBound..<dom.endIndex)
      else { return "" }
      return String(dom[start.upperBound..<end.lowerBound])
    }
  }

  /// Writes `html` to a file, opens it and returns the DOM Chromium dumps.
  ///
  /// Waiting for the browser takes none of Swift's cooperative threads (see `CleanSpawn`).
  func visit(_ html: String) async throws -> Visit {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-chromium-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("page.html")
    try html.write(to: page, atomically: true, encoding: .utf8)
    let arguments = [
      path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
      "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--enable-logging=stderr", "--v=0",
      "--virtual-time-budget=5000", "--timeout=30000", "--dump-dom", page.absoluteString,
    ]
    let environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    let run = try await CleanSpawn.run(arguments, environment: environment, outputIn: folder)
    return Visit(dom: run.output, log: run.errors, status: run.status)
  }
}
