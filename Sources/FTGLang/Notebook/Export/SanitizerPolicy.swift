/// What `HTMLSanitizer` lets through: which elements, which of their attributes, and what
/// becomes of everything else.
struct SanitizerPolicy: Sendable {
  /// How input is split into tokens (whether `<script>` and the like hold raw text).
  let tokenizer: HTMLTokenizer
  /// Allowed elements, each with its allowed attributes: lowercase name -> the spelling written.
  let elements: [String: [String: String]]
  /// Attributes checked as addresses, and what for.
  ///
  /// An element whose `requiredAddress` is refused is left out (an image shows its `alt` text instead); other refused addresses
  /// are dropped from the element.
  let addresses: [String: SafeURL.Use]
  let requiredAddress: [String: String]
  /// Elements left out together with everything inside them.
  ///
  /// An element that is neither allowed nor listed here loses its tags and keeps its content, unless `dropsAllUnknown`.
  let droppedWithContent: Set<String>
  let dropsAllUnknown: Bool
  /// Elements that never have content or an end tag.
  let voidElements: Set<String>
  /// Elements for which `<x/>` means an element with no content (SVG ones); for the others a
  /// browser ignores the `/`.
  let selfClosingElements: Set<String>
  /// The element every other must be inside (`svg`), or nil; text outside it is left out.
  let root: String?

  /// HTML's void elements, which have no end tag (`br`, `img` and the like).
  static let htmlVoidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
  ]

  /// Rendered Markdown: the elements Ink writes and a few more an author may write by hand,
  /// none of which can run script, load a frame, submit a form or restyle the page.
  static let markdown: SanitizerPolicy = {
    let plain = [
      "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "u", "s", "del", "ins",
      "mark", "small", "sub", "sup", "pre", "kbd", "samp", "var", "dfn", "abbr", "cite", "q", "blockquote",
      "ul", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "caption", "span", "div",
      "summary", "figure", "figcaption",
    ]
    var elements = Dictionary(uniqueKeysWithValues: plain.map { ($0, [String: String]()) })
    elements["a"] = spellings("href")
    elements["img"] = spellings("src", "alt", "width", "height")
    elements["code"] = spellings("class")
    elements["ol"] = spellings("start")
    elements["th"] = spellings("align", "colspan", "rowspan")
    elements["td"] = spellings("align", "colspan", "rowspan")
    elements["details"] = spellings("open")
    for name in elements.keys { elements[name]?["title"] = "title" }
    return SanitizerPolicy(
      tokenizer: .html, elements: elements, addresses: ["href": .link, "src": .image],
      requiredAddress: ["img": "src"],
      droppedWithContent: [
        "script", "style", "template", "iframe", "frameset", "object", "applet", "noscript", "noembed",
        "noframes", "xmp", "plaintext", "textarea", "title", "select", "svg", "math", "head",
      ],
      dropsAllUnknown: false, voidElements: htmlVoidElements,
      selfClosingElements: ["svg", "math"], root: nil)
  }()

  /// A figure's SVG as `SVGChart` draws it.
  ///
  /// Shapes, text and their presentation attributes, inside one `<svg>`. Anything else (`<script>`, `<foreignObject>`, `<a>`, `<use>`,
  /// animations, `style` and event attributes) is left out with its content.
  static let svg: SanitizerPolicy = {
    let shapes = [
      "svg", "g", "rect", "line", "polyline", "polygon", "circle", "ellipse", "path", "text", "tspan", "title",
      "desc",
    ]
    let attributes = spellings(
      "xmlns", "width", "height", "viewBox", "preserveAspectRatio", "x", "y", "x1", "y1", "x2", "y2", "dx", "dy",
      "cx", "cy", "r", "rx", "ry", "points", "d", "transform", "fill", "fill-opacity", "stroke", "stroke-width",
      "stroke-opacity", "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "opacity", "font-family",
      "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline")
    return SanitizerPolicy(
      tokenizer: .svg, elements: Dictionary(uniqueKeysWithValues: shapes.map { ($0, attributes) }),
      addresses: [:], requiredAddress: [:], droppedWithContent: [], dropsAllUnknown: true, voidElements: [],
      selfClosingElements: Set(shapes), root: "svg")
  }()

  private static func spellings(_ names: String...) -> [String: String] {
    Dictionary(uniqueKeysWithValues: names.map { ($0.lowercased(), $0) })
  }
}
