import Foundation

/// What the interpreter needs from whoever runs it: somewhere to write output, show
/// progress, and read the files that `use` and `:load` name.
///
/// The interpreter itself does no I/O; the shell, the notebook runner and the tests each
/// provide a host, and with it the file system and environment the language sees (the shell's
/// the real ones, a test's its own).
public protocol SessionHost: AnyObject, Sendable {
  /// Writes program output (what `print` produces), exactly as given.
  func write(_ text: String)
  /// Shows a transient progress line (a round's client, step and accuracy); may be ignored.
  func progress(_ text: String)
  /// The contents of a text file, or an error saying why it cannot be read.
  func readFile(atPath path: String) throws -> String
  /// True when a regular file exists at `path`.
  func fileExists(atPath path: String) -> Bool
  /// The names in a directory (empty when it cannot be listed), for path completion.
  func directoryEntries(atPath path: String) -> [String]
  /// Replaces the file at `path` with `contents`, atomically, creating its folder.
  func writeFile(atPath path: String, contents: String) throws
  /// The environment engines read their URLs and keys from, and tasks their data folders.
  var environment: [String: String] { get }
  /// The folder runs checkpoint and log into (`runs/<id>/` inside it): the shell's working
  /// folder, a test's own temporary one.
  var workingDirectory: String { get }
}
