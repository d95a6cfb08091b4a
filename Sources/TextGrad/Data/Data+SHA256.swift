import Foundation

extension Data {
  /// The SHA-256 digest of these bytes as lower-case hex.
  var sha256Hex: String {
    SHA256.hash(self).lowercaseHex
  }
}
