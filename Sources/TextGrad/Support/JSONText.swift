/// JSON text written straight into bytes, for the documents every model call builds (its
/// cache key, its request body and the answer the cache stores), where `JSONEncoder` cost
/// more than the rest of the call.
///
/// Values are written as `JSONEncoder` writes them with `.withoutEscapingSlashes`: strings
/// escape `"`, `\` and control characters; doubles print their shortest form without a
/// trailing `.0`. Keys are written in the order given, so a caller wanting `.sortedKeys`
/// output writes them sorted, and each key after the first in its object brings its comma.
/// Tests hold the output to `JSONEncoder`'s, byte for byte.
struct JSONText {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

  /// Room for a request holding `messages`: their text plus the fields around it.
  init(roomFor messages: [ChatMessage]) {
    self.init(capacity: 256 + messages.reduce(0) { $0 + $1.content.utf8.count })
  }

  /// Punctuation or a literal such as `{`, `,` or `null`.
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// `"key":`, after a comma unless the key opens its object.
  mutating func key(_ name: StaticString) {
    if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
    bytes.append(UInt8(ascii: "\""))
    raw(name)
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
  }

  /// A string value, escaped.
  mutating func string(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { utf8 in
      // Runs of bytes that need no escape (nearly all of a prompt) are copied whole.
      var runStart = 0
      for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5c {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        escape(byte)
        runStart = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// The escape of `"`, `\` or a control character.
  private mutating func escape(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5c, 0x22])
    case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5c, 0x5c])
    case 0x08: bytes.append(contentsOf: [0x5c, UInt8(ascii: "b")])
    case 0x0c: bytes.append(contentsOf: [0x5c, UInt8(ascii: "f")])
    case 0x0a: bytes.append(contentsOf: [0x5c, UInt8(ascii: "n")])
    case 0x0d: bytes.append(contentsOf: [0x5c, UInt8(ascii: "r")])
    case 0x09: bytes.append(contentsOf: [0x5c, UInt8(ascii: "t")])
    default:
      let digits = Array("0123456789abcdef".utf8)
      bytes.append(contentsOf: [0x5c, UInt8(ascii: "u"), 0x30, 0x30])
      bytes.append(contentsOf: [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
  }

  /// An optional string, or `null`.
  mutating func string(_ value: String?) {
    if let value { string(value) } else { raw("null") }
  }

  /// An integer, or `null`.
  mutating func number(_ value: Int?) {
    guard let value else { return raw("null") }
    bytes.append(contentsOf: String(value).utf8)
  }

  /// A finite double, or `null` (callers check finiteness: JSON has no NaN or infinity).
  mutating func number(_ value: Double?) {
    guard let value else { return raw("null") }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    bytes.append(contentsOf: text.utf8)
  }

  /// A list of strings, or `null`.
  mutating func strings(_ values: [String]?) {
    guard let values else { return raw("null") }
    bytes.append(UInt8(ascii: "["))
    for (index, value) in values.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      string(value)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// Chat messages as `[{"content":...,"role":...}]` (keys sorted).
  mutating func messages(_ messages: [ChatMessage]) {
    bytes.append(UInt8(ascii: "["))
    for (index, message) in messages.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      raw("{")
      key("content")
      string(message.content)
      key("role")
      string(message.role.rawValue)
      raw("}")
    }
    bytes.append(UInt8(ascii: "]"))
  }
}
