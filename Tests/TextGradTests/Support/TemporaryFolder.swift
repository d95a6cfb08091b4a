import Foundation

/// A fresh folder under the system's temporary directory, removed when released.
final class TemporaryFolder {
  /// The folder's location.
  let url: URL
  /// The folder's location as a path.
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("ftg-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// Writes `text` to `path` inside the folder, creating intermediate folders; an
  /// executable file gets mode 755, any other 644.
  @discardableResult
  func write(_ text: String, to path: String, executable: Bool = false) throws -> URL {
    let file = url.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
    try FileManager.default.setAttributes(
      [.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: file.path)
    return file
  }
}
