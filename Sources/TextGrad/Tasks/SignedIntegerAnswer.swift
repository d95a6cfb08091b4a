/// Scoring by the last integer in a text, with its sign: the exact rule for multistep
/// arithmetic, whose answers are negative about half the time.
///
/// The integer is read as `IntegerAnswer` reads it (the last whitespace-separated token that
/// contains a digit, cut at its first `.`, its digits joined), and it is negative when the
/// character just before the token's first digit is a minus sign (`-` or `−`), so `-12`,
/// `**-12**` and `(−12)` read as -12 while `3-4` still reads as 34. TextGrad's rule drops the
/// sign, so under it `12` answers a target of `-12` correctly.
public enum SignedIntegerAnswer {
  /// The signed integer read from `text`, in canonical decimal digits (`0` never signed).
  public static func parse(_ text: String) -> String {
    let magnitude = IntegerAnswer.parse(text)
    guard magnitude != "0", isNegative(text) else { return magnitude }
    return "-" + magnitude
  }

  /// True when `response` and `groundTruth` read as the same signed integer.
  public static func matches(response: String, groundTruth: String) -> Bool {
    parse(response) == parse(groundTruth)
  }

  private static func isNegative(_ text: String) -> Bool {
    let tokens = text.unicodeScalars.split { $0.properties.isWhitespace }
    guard let last = tokens.last(where: { $0.contains(where: IntegerAnswer.isPythonDigit) }),
      let firstDigit = last.firstIndex(where: IntegerAnswer.isPythonDigit),
      firstDigit > last.startIndex
    else { return false }
    let before = last[last.index(before: firstDigit)]
    return before == "-" || before == "\u{2212}"
  }
}
