/// Values inserted into prose, carried through Markdown rendering as placeholders so that
/// Markdown and HTML never read them: the sanitizer puts each value back as escaped text.
///
/// A placeholder is the value's index between two private-use characters, which nothing in
/// the rendering pipeline treats specially; `removingMarkers` takes them out of the author's
/// own text first, so only real placeholders remain.
struct ValueSlots {
  let values: [String]

  private static let open: Unicode.Scalar = "\u{F8F0}"
  private static let close: Unicode.Scalar = "\u{F8F1}"

  /// A piece of text that held placeholders.
  enum Piece: Equatable {
    case text(String)
    case value(String)
  }

  /// The placeholder of the value at `index`.
  static func placeholder(_ index: Int) -> String { "\(open)\(index)\(close)" }

  /// `text` without the two characters placeholders are made of.
  static func removingMarkers(from text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != open && $0 != close }))
  }

  /// `text` split at its placeholders, each replaced by its value.
  func pieces(of text: String) -> [Piece] {
    guard !values.isEmpty, text.unicodeScalars.contains(Self.open) else { return [.text(text)] }
    var pieces: [Piece] = []
    var rest = Substring(text)
    while let start = rest.unicodeScalars.firstIndex(of: Self.open) {
      let afterOpen = rest.unicodeScalars.index(after: start)
      guard let end = rest.unicodeScalars[afterOpen...].firstIndex(of: Self.close),
        let index = Int(String(rest.unicodeScalars[afterOpen..<end])), values.indices.contains(index)
      else { break }
      if start > rest.startIndex { pieces.append(.text(String(rest[..<start]))) }
      pieces.append(.value(values[index]))
      rest = rest[rest.unicodeScalars.index(after: end)...]
    }
    if !rest.isEmpty { pieces.append(.text(String(rest))) }
    return pieces
  }

  /// `text` with every placeholder replaced by its value, unescaped.
  func filled(_ text: String) -> String {
    pieces(of: text).map { piece in
      switch piece {
      case .text(let text), .value(let text): text
      }
    }.joined()
  }
}
