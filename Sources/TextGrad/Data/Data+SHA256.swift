import Crypto
import Foundation

extension Data {
  /// The SHA-256 digest of these bytes as lower-case hex.
  var sha256Hex: String {
    SHA256.hash(data: self).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
