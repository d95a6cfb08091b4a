internal import CCrypto

/// SHA-256 (FIPS 180-4), computed by OpenSSL's libcrypto (the library libcurl already loads).
///
/// Cache keys, notebook cell keys, run ids and dataset checks are SHA-256 digests, so their
/// bytes must never change; `SHA256Tests` holds this to the standard's test vectors.
public enum SHA256 {
  /// The length of a digest in bytes.
  public static let byteCount = Int(SHA256_DIGEST_LENGTH)

  /// The 32-byte digest of `bytes`.
  public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
    let digested = bytes.withContiguousStorageIfAvailable(digest(of:))
    return digested ?? Array(bytes).withUnsafeBufferPointer(digest(of:))
  }

  private static func digest(of buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: byteCount) { digest, initialized in
      // libcrypto reads no byte of an empty input, so a missing base address is fine.
      _ = CCrypto.SHA256(buffer.baseAddress, buffer.count, digest.baseAddress)
      initialized = byteCount
    }
  }
}
