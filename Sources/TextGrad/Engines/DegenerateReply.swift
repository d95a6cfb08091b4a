/// Recognises a degenerate reply: one whose end is a span of words repeated over and over,
/// filling at least half of it, as small models write when they fall into a loop (usually
/// until `max_tokens` cuts them off).
public enum DegenerateReply {
  /// Whether `text` ends in at least three back-to-back copies of a span of words that,
  /// together, make up at least half of its words (replies of fewer than 20 words never do).
  public static func detect(_ text: String) -> Bool {
    let words = text.split(whereSeparator: \.isWhitespace)
    let count = words.count
    guard count >= 20 else { return false }
    for period in 1...(count / 3) {
      var run = 0
      var index = count - 1
      while index - period >= 0, words[index] == words[index - period] {
        run += 1
        index -= 1
      }
      if run >= 2 * period, run + period >= count / 2 { return true }
    }
    return false
  }
}
