import Foundation

/// Decides whether a link or image address in exported prose may stay.
///
/// Allowed: `http`, `https`, `mailto` and relative addresses for links; `http`, `https`, relative and `data:` with an
/// image type for images. Anything else (`javascript:`, `vbscript:`, `data:text/html`,
/// `file:`...) is refused.
enum SafeURL {
  /// What the address is for.
  enum Use { case link, image }

  static let linkSchemes: Set<String> = ["http", "https", "mailto"]
  static let imageSchemes: Set<String> = ["http", "https", "data"]
  /// Raster types only: an SVG image is inert inside `<img>`, but opened on its own it is a
  /// document that could run script.
  static let imageDataTypes: Set<String> = [
    "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
  ]

  /// The address as a browser will use it, or nil if it is refused.
  ///
  /// `decoded` has had its character references decoded already.
  ///
  /// It is read as the URL standard does before looking for a scheme: leading and trailing
  /// control characters and spaces are dropped, and tabs and line breaks anywhere are
  /// removed (so `java\tscript:` is `javascript:`). Any other control character left is
  /// refused. A `:` before the first `/`, `?` or `#` means a scheme; a scheme not allowed
  /// for `use`, or one spelled with characters a scheme cannot have, is refused. Without one
  /// the address is relative and kept.
  static func checked(_ decoded: String, for use: Use) -> String? {
    let isEdge: (Unicode.Scalar) -> Bool = { $0.value <= 0x20 }
    var scalars = Array(decoded.unicodeScalars)
    while let first = scalars.first, isEdge(first) { scalars.removeFirst() }
    while let last = scalars.last, isEdge(last) { scalars.removeLast() }
    scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard !scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
    let url = String(String.UnicodeScalarView(scalars))

    guard let end = scalars.firstIndex(where: { ":/?#".unicodeScalars.contains($0) }), scalars[end] == ":" else {
      return url
    }
    let scheme = String(String.UnicodeScalarView(scalars[..<end].map(asciiLowercased)))
    guard isSchemeName(scheme) else { return nil }
    switch use {
    case .link:
      return linkSchemes.contains(scheme) ? url : nil
    case .image:
      guard imageSchemes.contains(scheme) else { return nil }
      if scheme == "data" {
        let rest = scalars[(end + 1)...]
        let typeEnd = rest.firstIndex(where: { $0 == ";" || $0 == "," }) ?? rest.endIndex
        let type = String(String.UnicodeScalarView(rest[..<typeEnd])).trimmingCharacters(in: .whitespaces)
        return imageDataTypes.contains(type.lowercased()) ? url : nil
      }
      return url
    }
  }

  private static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
  }

  /// A scheme as the URL standard spells one: an ASCII letter, then letters, digits, `+`, `-`, `.`.
  private static func isSchemeName(_ scheme: String) -> Bool {
    guard let first = scheme.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return scheme.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
    }
  }
}
