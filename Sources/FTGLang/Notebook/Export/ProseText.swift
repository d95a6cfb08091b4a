import Foundation
import Ink

/// A notebook's prose as the exporter writes it: the author's Markdown, with values (a
/// recorded result, a model's reply) inserted between its pieces.
///
/// The author's Markdown is trusted to mean Markdown; a value never is. In HTML a value is
/// always text, whatever it contains (tags, entities, Markdown); in Markdown it is escaped
/// so that it reads as the same text.
public struct ProseText: Sendable, Equatable {
  /// A stretch of the author's Markdown, or a value shown as text.
  public enum Piece: Sendable, Equatable {
    case markdown(String)
    case value(String)
  }

  public var pieces: [Piece]

  public init(_ pieces: [Piece]) { self.pieces = pieces }

  /// Prose with no values in it.
  public init(markdown: String) { self.init([.markdown(markdown)]) }

  /// The `.md` export: the author's Markdown as written, each value escaped with
  /// `ProseText.escapedForMarkdown`.
  public func markdown() -> String {
    pieces.map { piece in
      switch piece {
      case .markdown(let text): text
      case .value(let value): Self.escapedForMarkdown(value)
      }
    }.joined()
  }

  /// The `.html` export: the Markdown rendered, then sanitized (`HTMLSanitizer` with the
  /// Markdown policy); each value comes out as escaped text, wherever the author put it.
  public func html() -> String {
    let (rendered, values) = renderedMarkdown()
    return HTMLSanitizer(policy: .markdown).sanitized(rendered, values: values)
  }

  /// Ink's rendering before sanitizing, with placeholders where the values go.
  func renderedMarkdown() -> (html: String, values: ValueSlots) {
    var values: [String] = []
    var source = ""
    for piece in pieces {
      switch piece {
      case .markdown(let text):
        source += ValueSlots.removingMarkers(from: text)
      case .value(let value):
        source += ValueSlots.placeholder(values.count)
        values.append(value)
      }
    }
    return (MarkdownParser().html(from: source), ValueSlots(values: values))
  }

  /// The ASCII punctuation CommonMark lets a backslash escape.
  private static let markdownPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

  /// `value` escaped for Markdown text, so that it renders as the same words.
  ///
  /// It cannot start a heading, list, quote, code block, link, emphasis or HTML: every ASCII punctuation mark
  /// gets a backslash, and lines are joined without the blank lines or leading spaces that
  /// would end the paragraph or start a code block (HTML shows those as one space anyway).
  /// Inside a code span Markdown shows backslashes as written, so a value belongs in text.
  public static func escapedForMarkdown(_ value: String) -> String {
    let lines = value.components(separatedBy: .newlines)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    return lines.map { line in
      line.unicodeScalars.map { scalar in
        markdownPunctuation.contains(scalar) ? "\\\(scalar)" : String(scalar)
      }.joined()
    }.joined(separator: "\n")
  }
}
