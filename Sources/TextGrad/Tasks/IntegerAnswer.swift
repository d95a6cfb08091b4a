/// Scoring by the last integer in a text, as TextGrad's `parse_integer_answer` does it.
///
/// TextGrad (after DSPy) takes the last whitespace-separated token that contains a digit,
/// cuts it at the first `.`, keeps only its digits and reads them as an integer. The same
/// rule is applied to the response and to the ground truth, and the two integers are compared.
/// This reproduces the original's quirks on purpose, so accuracies stay comparable (it is the
/// rule of object counting and GSM8K, as in the original; multistep arithmetic's exact rule is
/// `SignedIntegerAnswer`):
/// - the sign is dropped: `-24` reads as 24, so a response of 24 matches a target of -24;
/// - text without any digit reads as 0, so it matches a target of 0;
/// - digits of a token are joined: `3-4` reads as 34, `1,000` as 1000, `$12.50` as 12;
/// - a token such as `.5` keeps no digit before the point and reads as 0;
/// - only the last digit-bearing token counts, wherever `Answer:` appears.
/// The value is kept as a decimal string, so arbitrarily long numbers never overflow.
public enum IntegerAnswer {
  /// Returns the integer TextGrad would read from `text`, in canonical decimal digits.
  public static func parse(_ text: String) -> String {
    let tokens = text.unicodeScalars.split { $0.properties.isWhitespace }
    guard let last = tokens.last(where: { $0.contains(where: isPythonDigit) }) else { return "0" }
    let beforePoint = last.prefix { $0 != "." }
    var digits = ""
    for scalar in beforePoint where isPythonDigit(scalar) {
      guard scalar.properties.numericType == .decimal,
        let value = scalar.properties.numericValue
      else { return "0" }
      digits += String(Int(value))
    }
    let significant = digits.drop { $0 == "0" }
    return significant.isEmpty ? "0" : String(significant)
  }

  /// True when `response` and `groundTruth` read as the same integer.
  public static func matches(response: String, groundTruth: String) -> Bool {
    parse(response) == parse(groundTruth)
  }

  /// Python's `str.isdigit` for one code point: decimal digits and other digits (`²`).
  static func isPythonDigit(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.numericType {
    case .decimal, .digit: return true
    default: return false
    }
  }
}
