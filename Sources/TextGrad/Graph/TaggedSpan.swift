import Foundation

/// The text between the first `open` tag and the next `close` tag, trimmed.
///
/// Returns nil when either tag is missing or only whitespace stands between them, so a
/// caller never mistakes a malformed reply for an answer.
func taggedSpan(in text: String, open: String, close: String) -> String? {
  guard let openRange = text.range(of: open),
    let closeRange = text.range(of: close, range: openRange.upperBound..<text.endIndex)
  else { return nil }
  let span = text[openRange.upperBound..<closeRange.lowerBound]
    .trimmingCharacters(in: .whitespacesAndNewlines)
  return span.isEmpty ? nil : span
}
