/// HTML character references (`&amp;`, `&#106;`, `&#x6A;`): decoding them as a browser does
/// inside an attribute value, and escaping text so that what a browser reads back is exactly
/// the text meant.
enum CharacterReferences {
  /// The named references decoded here.
  ///
  /// The ones that spell URL punctuation and whitespace (which an attacker would use to hide
  /// a scheme) and the common typographic ones. A name not listed stays as written; since
  /// decoded text is always escaped again before output, a browser then reads it literally too.
  static let named: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    "colon": ":", "sol": "/", "bsol": "\\", "quest": "?", "num": "#", "period": ".", "comma": ",",
    "semi": ";", "equals": "=", "excl": "!", "commat": "@", "percnt": "%", "plus": "+",
    "dollar": "$", "lpar": "(", "rpar": ")", "lsqb": "[", "rsqb": "]", "lbrack": "[", "rbrack": "]",
    "lcub": "{", "rcub": "}", "lbrace": "{", "rbrace": "}", "ast": "*", "midast": "*", "hyphen": "‐",
    "dash": "‐", "lowbar": "_", "grave": "`", "Hat": "^", "verbar": "|", "vert": "|", "tilde": "˜",
    "Tab": "\t", "NewLine": "\n", "copy": "©", "reg": "®", "trade": "™", "mdash": "—", "ndash": "–",
    "hellip": "…", "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“",
    "rdquo": "”", "times": "×", "divide": "÷", "plusmn": "±", "deg": "°", "middot": "·",
    "bull": "•", "sect": "§", "para": "¶", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
    "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "le": "≤", "ge": "≥", "ne": "≠",
    "asymp": "≈", "infin": "∞", "micro": "µ", "alpha": "α", "beta": "β", "gamma": "γ",
    "delta": "δ", "epsilon": "ε", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "theta": "θ",
  ]

  /// Code points 0x80–0x9F in a numeric reference mean their windows-1252 characters.
  private static let windows1252: [UInt32: UInt32] = [
    0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
    0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
    0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
    0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
  ]

  /// `text` with its references replaced by the characters they stand for: numeric ones with or
  /// without the final `;` (as browsers read them), named ones from `named` with it.
  static func decode(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      if scalars[i] == "&", let (decoded, next) = reference(in: scalars, at: i) {
        out.append(contentsOf: decoded.unicodeScalars)
        i = next
      } else {
        out.append(scalars[i])
        i += 1
      }
    }
    return String(out)
  }

  /// `text` escaped for an HTML text node or (`inAttribute`) a double-quoted attribute value.
  ///
  /// `<`, `>` and, in an attribute, `"` become references, and so does every `&` that does not
  /// start a well-formed reference (`&name;`, `&#123;`, `&#x7B;`). Well-formed references are
  /// kept: a browser turns them into characters, which in these two places can never start
  /// markup.
  static func escapeKeepingReferences(_ text: String, inAttribute: Bool) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = ""
    for (i, scalar) in scalars.enumerated() {
      switch scalar {
      case "&": out += isWellFormedReference(scalars, at: i) ? "&" : "&amp;"
      case "\"" where !inAttribute: out += "\""
      default: out += escaped(scalar)
      }
    }
    return out
  }

  /// `text` escaped so that a browser reads back exactly `text`: every `&`, `<`, `>` and `"`
  /// becomes a reference; NUL, which browsers drop or replace, becomes U+FFFD.
  static func escapeAll(_ text: String) -> String {
    text.unicodeScalars.map { $0 == "&" ? "&amp;" : escaped($0) }.joined()
  }

  private static func escaped(_ scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "<": "&lt;"
    case ">": "&gt;"
    case "\"": "&quot;"
    case "\0": "\u{FFFD}"
    default: String(scalar)
    }
  }

  /// The reference starting at `start` (an `&`): what it decodes to and the index after it.
  private static func reference(in s: [Unicode.Scalar], at start: Int) -> (String, Int)? {
    var i = start + 1
    guard i < s.count else { return nil }
    if s[i] == "#" {
      i += 1
      let hex = i < s.count && (s[i] == "x" || s[i] == "X")
      if hex { i += 1 }
      let digitsStart = i
      var value: UInt32 = 0
      while i < s.count, let digit = digitValue(s[i], hex: hex) {
        value = min(value * (hex ? 16 : 10) + digit, 0x110000)
        i += 1
      }
      guard i > digitsStart else { return nil }
      if i < s.count, s[i] == ";" { i += 1 }
      return (String(numeric(value)), i)
    }
    var name = ""
    while i < s.count, isASCIILetterOrDigit(s[i]) {
      name.unicodeScalars.append(s[i])
      i += 1
    }
    guard i < s.count, s[i] == ";", let decoded = named[name] else { return nil }
    return (decoded, i + 1)
  }

  /// The character a numeric reference stands for, with the browser's substitutions.
  private static func numeric(_ value: UInt32) -> Character {
    if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return "\u{FFFD}" }
    let mapped = windows1252[value] ?? value
    return Character(Unicode.Scalar(mapped) ?? "\u{FFFD}")
  }

  private static func isWellFormedReference(_ s: [Unicode.Scalar], at start: Int) -> Bool {
    var i = start + 1
    var hex = false
    if i < s.count, s[i] == "#" {
      i += 1
      if i < s.count, s[i] == "x" || s[i] == "X" {
        hex = true
        i += 1
      }
      let digitsStart = i
      while i < s.count, digitValue(s[i], hex: hex) != nil { i += 1 }
      return i > digitsStart && i < s.count && s[i] == ";"
    }
    let nameStart = i
    while i < s.count, isASCIILetterOrDigit(s[i]) { i += 1 }
    return i > nameStart && i < s.count && s[i] == ";"
  }

  private static func digitValue(_ scalar: Unicode.Scalar, hex: Bool) -> UInt32? {
    switch scalar {
    case "0"..."9": scalar.value - 48
    case "a"..."f" where hex: scalar.value - 87
    case "A"..."F" where hex: scalar.value - 55
    default: nil
    }
  }

  private static func isASCIILetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
  }
}
