import Foundation

@testable import TextGrad

/// The shared data folder for tests: `$FTG_DATA_DIR`, else `shared/data` next to the checkout.
enum SharedDataFolder {
  /// The folder, or nil when neither place holds `bbh/` and `gsm8k/`.
  static let url: URL? = {
    let environment = ProcessInfo.processInfo.environment
    var candidates: [URL] = []
    if let folder = environment["FTG_DATA_DIR"], !folder.isEmpty {
      candidates.append(URL(fileURLWithPath: folder, isDirectory: true))
    }
    let repository = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let checkoutParent = repository.deletingLastPathComponent()
    candidates.append(checkoutParent.appendingPathComponent("shared/data", isDirectory: true))
    return candidates.first { folder in
      ["bbh", "gsm8k"].allSatisfy {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
      }
    }
  }()

  /// True when the shared data folder was found.
  static var isAvailable: Bool { url != nil }

  /// A locator that reads the shared folder and whose downloads go to a closed loopback port.
  static func offlineLocator(cache: URL) -> DataLocator {
    let closed = "http://127.0.0.1:9/"
    return DataLocator(
      dataDirectory: url, cacheDirectory: cache,
      baseURLs: [.bigBenchHard: closed, .gsm8k: closed],
      downloader: HTTPDownloader(connectTimeout: 2, totalTimeout: 5))
  }
}
