import Foundation
import Testing
import TextGrad

/// `SHA256` must give the standard's digests byte for byte: cache keys, notebook cell keys and
/// run ids are SHA-256 digests, and a different byte would orphan every one made before.
@Suite struct SHA256Tests {
  /// Messages and digests from FIPS 180-4's examples (and NIST's long-message vector).
  static let vectors: [(message: [UInt8], hex: String)] = [
    ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    ),
  ]

  @Test func standardVectors() {
    for (message, hex) in Self.vectors {
      let digest = SHA256.hash(message)
      #expect(digest.count == SHA256.byteCount)
      #expect(digest.lowercaseHex == hex, "message of \(message.count) bytes")
    }
  }

  /// Data, a string's UTF-8 view and a collection with no contiguous storage digest alike.
  @Test func everyKindOfCollectionGivesTheSameDigest() {
    let text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    let expected = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    #expect(SHA256.hash(Data(text.utf8)).lowercaseHex == expected)
    #expect(SHA256.hash(text.utf8).lowercaseHex == expected)
    #expect(SHA256.hash(Array(text.utf8).lazy.map { $0 }).lowercaseHex == expected)
    #expect(SHA256.hash(Data()).lowercaseHex == Self.vectors[0].hex)
  }
}
