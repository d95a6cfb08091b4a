import Foundation

@testable import TextGrad

/// A fresh temporary folder for one test's cache database.
func temporaryCachePath() -> String {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("ftg-cache-\(UUID().uuidString)")
  return folder.appendingPathComponent("cache.sqlite").path
}

/// Every byte of a SQLite database and its write-ahead log, as text.
func databaseBytes(at path: String) -> String {
  var text = ""
  for suffix in ["", "-wal"] {
    if let data = FileManager.default.contents(atPath: path + suffix) {
      text += String(decoding: data, as: UTF8.self)
    }
  }
  return text
}
