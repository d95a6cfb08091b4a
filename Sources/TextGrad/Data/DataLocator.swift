import Foundation

/// Finds a dataset file's bytes: in a data folder, in the user cache, or by downloading it.
///
/// The search order is the data folder (`$FTG_DATA_DIR`, laid out like the shared data
/// folder: `bbh/*.json`, `gsm8k/*.jsonl`), then the user cache (`$FTG_CACHE_DIR/data`,
/// default `~/.cache/ftg/data`), then the file's public source. Every copy is checked against
/// the file's SHA-256; a download that fails the check is not kept, one that passes is written
/// atomically into the cache.
public struct DataLocator: Sendable {
  /// The folder searched first, if any.
  public var dataDirectory: URL?
  /// The user cache folder searched second and filled by downloads.
  public var cacheDirectory: URL
  /// Base URLs by source; tests point these at a loopback server.
  public var baseURLs: [DatasetSource: String]
  /// The client used for downloads.
  public var downloader: HTTPDownloader

  /// Creates a locator with explicit folders; `baseURLs` defaults to the public sources.
  public init(
    dataDirectory: URL?, cacheDirectory: URL,
    baseURLs: [DatasetSource: String] = [:], downloader: HTTPDownloader = HTTPDownloader()
  ) {
    self.dataDirectory = dataDirectory
    self.cacheDirectory = cacheDirectory
    self.baseURLs = baseURLs
    self.downloader = downloader
  }

  /// The URL `file` is downloaded from.
  public func remoteURL(for file: DatasetFile) -> String {
    var base = baseURLs[file.source] ?? file.source.defaultBaseURL
    if !base.hasSuffix("/") { base += "/" }
    return base + file.remoteName
  }

  /// Returns the verified bytes of `file`, downloading and caching it when no local copy exists.
  ///
  /// Throws `DataError` when a local copy or the download has the wrong hash, when a local
  /// copy cannot be read, when nothing is found and the download fails, or when the download
  /// cannot be stored in the cache.
  public func contents(of file: DatasetFile) async throws -> Data {
    for folder in searchedFolders() {
      let candidate = folder.appendingPathComponent(file.path)
      guard FileManager.default.fileExists(atPath: candidate.path) else { continue }
      let bytes = try read(candidate, of: file)
      try verify(bytes, of: file, location: candidate.path)
      return bytes
    }
    let url = remoteURL(for: file)
    let bytes: Data
    do {
      bytes = try await downloader.get(url)
    } catch let failure as HTTPDownloadError {
      if failure.reason == .cancelled { throw CancellationError() }
      let searched = searchedFolders().map(\.path)
      throw DataError(
        file: file.path, reason: .unavailable(searched: searched, url: url, download: failure))
    }
    try verify(bytes, of: file, location: url)
    try store(bytes, of: file)
    return bytes
  }

  /// The folders searched before downloading, in order.
  public func searchedFolders() -> [URL] {
    [dataDirectory, cacheDirectory].compactMap { $0 }
  }

  private func read(_ location: URL, of file: DatasetFile) throws -> Data {
    do {
      return try Data(contentsOf: location)
    } catch {
      throw DataError(
        file: file.path,
        reason: .unreadable(path: location.path, message: error.localizedDescription))
    }
  }

  private func verify(_ bytes: Data, of file: DatasetFile, location: String) throws {
    let actual = bytes.sha256Hex
    guard actual == file.sha256 else {
      throw DataError(
        file: file.path,
        reason: .hashMismatch(location: location, expected: file.sha256, actual: actual))
    }
  }

  private func store(_ bytes: Data, of file: DatasetFile) throws {
    let destination = cacheDirectory.appendingPathComponent(file.path)
    do {
      try FileManager.default.createDirectory(
        at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
      try bytes.write(to: destination, options: .atomic)
    } catch {
      throw DataError(
        file: file.path,
        reason: .cacheWriteFailed(path: destination.path, message: error.localizedDescription))
    }
  }
}
