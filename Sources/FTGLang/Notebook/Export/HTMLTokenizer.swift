/// One piece of HTML as `HTMLTokenizer` reads it.
enum HTMLToken: Equatable {
  /// Text between tags, as written: its character references are not decoded.
  case text(String)
  /// `<name attr="value" ...>`; the name is lowercased, and so are attribute names.
  case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
  case endTag(name: String)
  /// A comment, doctype, processing instruction or CDATA section: never shown.
  case comment
}

/// An attribute of a start tag; `value` as written, character references not decoded.
struct HTMLAttribute: Equatable {
  let name: String
  let value: String
}

/// Splits HTML into tags, text and comments.
///
/// It follows the states of the HTML standard's tokenizer closely enough that a tag a
/// browser would see is a tag here too. The sanitizer
/// rebuilds its output from these tokens, so where the two readings still differ, the output
/// is what the sanitizer checked, never the input.
struct HTMLTokenizer: Sendable {
  /// Elements whose content is text up to their end tag (`<script>`, `<style>`...); none of
  /// them when reading SVG, where the browser reads their content as markup.
  let rawTextElements: Set<String>

  private static let htmlRawTextElements: Set<String> = [
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "plaintext",
  ]
  static let html = HTMLTokenizer(rawTextElements: htmlRawTextElements)
  static let svg = HTMLTokenizer(rawTextElements: [])

  func tokens(_ html: String) -> [HTMLToken] {
    var reader = Reader(Array(html.unicodeScalars))
    var tokens: [HTMLToken] = []
    var text = String.UnicodeScalarView()
    func flushText() {
      if !text.isEmpty { tokens.append(.text(String(text))) }
      text = String.UnicodeScalarView()
    }
    while let scalar = reader.peek() {
      guard scalar == "<", let token = reader.markup() else {
        text.append(scalar)
        reader.advance()
        continue
      }
      flushText()
      guard let token else { break }  // a tag cut off by the end of the input is dropped
      tokens.append(token)
      if case .startTag(let name, _, _) = token, rawTextElements.contains(name) {
        let content = name == "plaintext" ? reader.rest() : reader.rawText(until: name)
        if !content.isEmpty { tokens.append(.text(content)) }
      }
    }
    flushText()
    return tokens
  }
}

/// A cursor over the scalars of the input.
private struct Reader {
  let s: [Unicode.Scalar]
  var i = 0

  init(_ s: [Unicode.Scalar]) { self.s = s }

  func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }
  mutating func advance(_ n: Int = 1) { i = min(i + n, s.count) }

  /// At a `<`: the markup starting here, `.some(nil)` if the input ends inside it, or nil
  /// when the `<` is plain text (not followed by a letter, `/`, `!` or `?`).
  mutating func markup() -> HTMLToken?? {
    guard let next = peek(1) else { return nil }
    if isASCIILetter(next) {
      advance()
      return .some(tag(isEnd: false))
    }
    if next == "/", let after = peek(2) {
      if isASCIILetter(after) {
        advance(2)
        return .some(tag(isEnd: true))
      }
      if after == ">" {  // `</>` is dropped
        advance(3)
        return .some(.comment)
      }
      advance(2)
      return .some(bogusComment())
    }
    if next == "!" {
      advance(2)
      if starts(with: "--") {
        advance(2)
        return .some(comment())
      }
      return .some(bogusComment())
    }
    if next == "?" {
      advance(1)
      return .some(bogusComment())
    }
    return nil
  }

  /// A start or end tag, after its `<` or `</`; nil if the input ends inside it.
  private mutating func tag(isEnd: Bool) -> HTMLToken? {
    let name = lowercasedName(stoppingAt: { isSpace($0) || $0 == "/" || $0 == ">" })
    var attributes: [HTMLAttribute] = []
    var selfClosing = false
    while let scalar = peek() {
      if scalar == ">" {
        advance()
        if isEnd { return .endTag(name: name) }
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
      }
      if isSpace(scalar) || scalar == "/" {
        selfClosing = scalar == "/" && peek(1) == ">"
        advance()
        continue
      }
      selfClosing = false
      let attribute = self.attribute()
      if !attributes.contains(where: { $0.name == attribute.name }) { attributes.append(attribute) }
    }
    return nil
  }

  /// One attribute: its name (a leading `=` belongs to it), then an optional `=` and value.
  private mutating func attribute() -> HTMLAttribute {
    var first = true
    let name = lowercasedName(stoppingAt: { scalar in
      defer { first = false }
      return isSpace(scalar) || scalar == "/" || scalar == ">" || (scalar == "=" && !first)
    })
    skipSpaces()
    guard peek() == "=" else { return HTMLAttribute(name: name, value: "") }
    advance()
    skipSpaces()
    var value = String.UnicodeScalarView()
    if let quote = peek(), quote == "\"" || quote == "'" {
      advance()
      while let scalar = peek(), scalar != quote {
        value.append(scalar)
        advance()
      }
      advance()
    } else {
      while let scalar = peek(), !isSpace(scalar), scalar != ">" {
        value.append(scalar)
        advance()
      }
    }
    return HTMLAttribute(name: name, value: String(value))
  }

  /// `<!-- ... -->` after its `<!--`; `<!-->`, `<!--->` and `--!>` end it as browsers do.
  private mutating func comment() -> HTMLToken {
    if peek() == ">" || (peek() == "-" && peek(1) == ">") {
      advance(peek() == ">" ? 1 : 2)
      return .comment
    }
    while peek() != nil {
      if starts(with: "-->") {
        advance(3)
        return .comment
      }
      if starts(with: "--!>") {
        advance(4)
        return .comment
      }
      advance()
    }
    return .comment
  }

  /// `<!...>`, `<?...>`, `</ ...>`: everything up to the next `>`.
  private mutating func bogusComment() -> HTMLToken {
    while let scalar = peek(), scalar != ">" { advance() }
    advance()
    return .comment
  }

  /// The content of a raw-text element, up to (not including) `</name` followed by a space,
  /// `/` or `>`; the rest of the input if there is no such end tag.
  mutating func rawText(until name: String) -> String {
    let start = i
    let closing = Array(("</" + name).unicodeScalars)
    while i < s.count {
      if s[i] == "<", i + closing.count <= s.count,
        zip(s[i..<(i + closing.count)], closing).allSatisfy({ lowercased($0) == $1 })
      {
        let after = i + closing.count < s.count ? s[i + closing.count] : ">"
        if isSpace(after) || after == "/" || after == ">" { break }
      }
      i += 1
    }
    return String(String.UnicodeScalarView(s[start..<i]))
  }

  mutating func rest() -> String {
    defer { i = s.count }
    return String(String.UnicodeScalarView(s[i...]))
  }

  private mutating func lowercasedName(stoppingAt stop: (Unicode.Scalar) -> Bool) -> String {
    var name = String.UnicodeScalarView()
    while let scalar = peek(), !stop(scalar) {
      name.append(scalar == "\0" ? "\u{FFFD}" : lowercased(scalar))
      advance()
    }
    return String(name)
  }

  private mutating func skipSpaces() {
    while let scalar = peek(), isSpace(scalar) { advance() }
  }

  private func starts(with prefix: String) -> Bool {
    var j = i
    for scalar in prefix.unicodeScalars {
      guard j < s.count, s[j] == scalar else { return false }
      j += 1
    }
    return true
  }
}

private func isSpace(_ scalar: Unicode.Scalar) -> Bool { "\t\n\u{0C}\r ".unicodeScalars.contains(scalar) }
private func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
  ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
}
private func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
  ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
}
