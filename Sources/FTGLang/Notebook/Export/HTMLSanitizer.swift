/// Rebuilds a piece of HTML keeping only what its policy allows, so that it cannot run script
/// whatever it was given.
///
/// The output is written from tokens, never copied from the input: allowed elements with
/// their allowed attributes (values double-quoted and escaped, addresses checked by
/// `SafeURL`), text with `<` and `>` escaped, every element closed in order. Comments,
/// doctypes, other elements and other attributes are left out. Values inserted into prose
/// (see `ValueSlots`) come back here as text, escaped whatever they contain.
struct HTMLSanitizer {
  let policy: SanitizerPolicy

  func sanitized(_ html: String, values: ValueSlots = ValueSlots(values: [])) -> String {
    var out = ""
    var open: [String] = []
    var skipping: (name: String, depth: Int)?
    for token in policy.tokenizer.tokens(html) {
      if let skip = skipping {
        skipping = skipped(token, skip)
        continue
      }
      switch token {
      case .comment:
        continue
      case .text(let text):
        if policy.root == nil || !open.isEmpty { out += escapedText(text, values, inAttribute: false) }
      case .startTag(let name, let attributes, let selfClosing):
        let closesItself = selfClosing && policy.selfClosingElements.contains(name)
        let insideRoot = policy.root == nil || !open.isEmpty || name == policy.root
        if let allowed = policy.elements[name], insideRoot {
          guard let kept = keptAttributes(attributes, of: name, allowed: allowed, values) else {
            out += fallbackText(name, attributes, values)
            continue
          }
          let written = kept.map { " \($0.name)=\"\($0.value)\"" }.joined()
          out += "<\(name)\(written)\(closesItself ? "/" : "")>"
          if !closesItself && !policy.voidElements.contains(name) { open.append(name) }
        } else if !closesItself, !SanitizerPolicy.htmlVoidElements.contains(name),
          policy.dropsAllUnknown || policy.droppedWithContent.contains(name)
        {
          skipping = (name, 1)
        }
      case .endTag(let name):
        guard let index = open.lastIndex(of: name) else { continue }
        out += open[index...].reversed().map { "</\($0)>" }.joined()
        open.removeSubrange(index...)
      }
    }
    return out + open.reversed().map { "</\($0)>" }.joined()
  }

  /// Inside an element left out with its content: counts nested elements of the same name
  /// until its end tag; nil once it is closed.
  private func skipped(_ token: HTMLToken, _ skip: (name: String, depth: Int)) -> (name: String, depth: Int)? {
    var depth = skip.depth
    switch token {
    case .startTag(let name, _, let selfClosing) where name == skip.name:
      if !(selfClosing && policy.selfClosingElements.contains(name)) { depth += 1 }
    case .endTag(let name) where name == skip.name:
      depth -= 1
    default:
      break
    }
    return depth == 0 ? nil : (skip.name, depth)
  }

  /// The allowed attributes of an allowed element, spelled as the policy spells them, their
  /// values escaped; nil if the element must be left out because its address was refused.
  private func keptAttributes(
    _ attributes: [HTMLAttribute], of element: String, allowed: [String: String], _ values: ValueSlots
  ) -> [(name: String, value: String)]? {
    var kept: [(name: String, value: String)] = []
    for attribute in attributes {
      guard let spelling = allowed[attribute.name] else { continue }
      if let use = policy.addresses[attribute.name] {
        let address = values.filled(CharacterReferences.decode(attribute.value))
        guard let checked = SafeURL.checked(address, for: use) else { continue }
        kept.append((spelling, CharacterReferences.escapeAll(checked)))
      } else {
        kept.append((spelling, escapedText(attribute.value, values, inAttribute: true)))
      }
    }
    if let required = policy.requiredAddress[element], !kept.contains(where: { $0.name == required }) {
      return nil
    }
    return kept
  }

  /// What stands in for an element left out for its address: an image's `alt` text.
  private func fallbackText(_ element: String, _ attributes: [HTMLAttribute], _ values: ValueSlots) -> String {
    guard element == "img", let alt = attributes.first(where: { $0.name == "alt" }) else { return "" }
    return escapedText(alt.value, values, inAttribute: false)
  }

  /// Text or an attribute value as written (its references kept), with each inserted value
  /// escaped completely.
  private func escapedText(_ text: String, _ values: ValueSlots, inAttribute: Bool) -> String {
    values.pieces(of: text).map { piece in
      switch piece {
      case .text(let text): CharacterReferences.escapeKeepingReferences(text, inAttribute: inAttribute)
      case .value(let value): CharacterReferences.escapeAll(value)
      }
    }.joined()
  }
}
