import Foundation

/// Appends `RunEvent`s to a JSON Lines file, one object per line.
actor RunLog {
  private let url: URL
  private let handle: FileHandle
  private let encoder: JSONEncoder

  /// Opens `url` for appending, creating it (and its folder); `truncate` empties it first.
  init(url: URL, truncate: Bool) throws {
    self.url = url
    let manager = FileManager.default
    do {
      try manager.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      if truncate || !manager.fileExists(atPath: url.path) {
        guard manager.createFile(atPath: url.path, contents: nil) else {
          throw FedError.fileFailure(path: url.path, detail: "cannot create the log file")
        }
      }
      handle = try FileHandle(forWritingTo: url)
      try handle.seekToEnd()
    } catch let error as FedError {
      throw error
    } catch {
      throw FedError.fileFailure(path: url.path, detail: error.localizedDescription)
    }
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  }

  /// Writes one event as one line.
  func append(_ event: RunEvent) throws {
    do {
      var line = try encoder.encode(event)
      line.append(0x0A)
      try handle.write(contentsOf: line)
    } catch {
      throw FedError.fileFailure(path: url.path, detail: error.localizedDescription)
    }
  }

  /// Closes the file.
  func close() throws {
    try handle.close()
  }
}
