/// Why a dataset file could not be provided; the description names the file and the places.
public struct DataError: Error, Equatable, CustomStringConvertible {
  /// The kinds of data failure.
  public enum Reason: Equatable, Sendable {
    /// The bytes at `location` (a path or URL) do not have the expected SHA-256.
    case hashMismatch(location: String, expected: String, actual: String)
    /// No local copy was found and the download failed.
    case unavailable(searched: [String], url: String, download: HTTPDownloadError)
    /// A local copy exists but could not be read.
    case unreadable(path: String, message: String)
    /// The downloaded file could not be stored in the user cache.
    case cacheWriteFailed(path: String, message: String)
    /// The file's content is not in the expected format.
    case malformed(detail: String)
  }

  /// The dataset file concerned, such as `gsm8k/train.jsonl`.
  public let file: String
  /// What went wrong.
  public let reason: Reason

  /// Creates an error about `file`.
  public init(file: String, reason: Reason) {
    self.file = file
    self.reason = reason
  }

  /// A message naming the file, the folders or URL involved, and the cause.
  public var description: String {
    switch reason {
    case .hashMismatch(let location, let expected, let actual):
      return "\(file): SHA-256 mismatch for \(location): expected \(expected), got \(actual)"
        + "; the file is not the published one (delete it, or fix the copy, and try again)"
    case .unavailable(let searched, let url, let download):
      let folders = searched.isEmpty ? "no local data folder" : searched.joined(separator: ", ")
      return "\(file): not found in \(folders), and the download from \(url) failed: \(download)"
    case .unreadable(let path, let message):
      return "\(file): cannot read \(path): \(message)"
    case .cacheWriteFailed(let path, let message):
      return "\(file): cannot store the download at \(path): \(message)"
        + " (set FTG_CACHE_DIR to a writable folder)"
    case .malformed(let detail):
      return "\(file): unexpected content: \(detail)"
    }
  }
}
