import Foundation

/// The dim line shown after an entry that took a while: its wall time, and (as the session
/// comes to report them) LLM calls, tokens and cache hits.
struct EntrySummary: Equatable, Sendable {
  /// Wall time of the evaluation.
  var elapsed: Duration
  /// Further facts about the entry, already worded ("3 LLM calls"), shown after the time.
  var details: [String] = []

  /// Entries faster than this get no summary unless they have details.
  static let threshold: Duration = .milliseconds(500)

  /// Whether the summary is worth a line: the entry took longer than `threshold`, or
  /// there are details to tell.
  func isWorthShowing(threshold: Duration = Self.threshold) -> Bool {
    elapsed > threshold || !details.isEmpty
  }

  /// The line's text, such as `1.23 s`.
  var text: String {
    ([Self.format(elapsed)] + details).joined(separator: ", ")
  }

  /// A duration as seconds with two decimals (`1.25 s`), or milliseconds under 10 ms (`3.2 ms`).
  static func format(_ duration: Duration) -> String {
    let seconds =
      Double(duration.components.seconds)
      + Double(duration.components.attoseconds) / 1e18
    return seconds < 0.01
      ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
  }
}
