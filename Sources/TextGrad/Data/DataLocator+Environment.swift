import Foundation

extension DataLocator {
  /// The environment variable naming a data folder searched before the cache.
  public static let dataDirectoryVariable = "FTG_DATA_DIR"
  /// The environment variable naming ftg's cache folder; datasets go in its `data` folder.
  public static let cacheDirectoryVariable = "FTG_CACHE_DIR"

  /// A locator configured from `FTG_DATA_DIR` and `FTG_CACHE_DIR` (default `~/.cache/ftg`).
  ///
  /// Unset and empty variables count as absent. `HOME` is read from `environment` too, so
  /// tests can pass a complete environment.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment,
    downloader: HTTPDownloader = HTTPDownloader()
  ) -> DataLocator {
    let dataDirectory = nonEmpty(environment[dataDirectoryVariable]).map {
      URL(fileURLWithPath: $0, isDirectory: true)
    }
    let cacheRoot: URL
    if let cache = nonEmpty(environment[cacheDirectoryVariable]) {
      cacheRoot = URL(fileURLWithPath: cache, isDirectory: true)
    } else if let home = nonEmpty(environment["HOME"]) {
      cacheRoot = URL(fileURLWithPath: home, isDirectory: true)
        .appendingPathComponent(".cache/ftg", isDirectory: true)
    } else {
      cacheRoot = FileManager.default.homeDirectoryForCurrentUser
        .appendingPathComponent(".cache/ftg", isDirectory: true)
    }
    return DataLocator(
      dataDirectory: dataDirectory,
      cacheDirectory: cacheRoot.appendingPathComponent("data", isDirectory: true),
      downloader: downloader)
  }

  private static func nonEmpty(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    return value
  }
}
