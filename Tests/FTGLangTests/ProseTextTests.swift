import Testing

@testable import FTGLang

/// Values inserted into prose are text in both exports, whatever they contain; the author's
/// Markdown around them is rendered (HTML) or kept as written (Markdown).
@Suite struct ProseTextTests {
  static let hostileValue =
    "<script>document.title='x'</script> <img src=x onerror=alert(1)> **bold** &amp; [a](javascript:x)"

  @Test func aValueInHTMLIsEscapedText() {
    let prose = ProseText([.markdown("The model said *\""), .value(Self.hostileValue), .markdown("\"* today.")])
    #expect(
      prose.html()
        == "<p>The model said <em>\"&lt;script&gt;document.title='x'&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; "
        + "**bold** &amp;amp; [a](javascript:x)\"</em> today.</p>")
  }

  @Test func aValueInACodeSpanOrHeadingIsEscapedText() {
    let html = ProseText([.markdown("# \\("), .value("<b>"), .markdown(")\n\nrun `"), .value("a<b"), .markdown("`")])
      .html()
    #expect(html == "<h1>(&lt;b&gt;)</h1><p>run <code>a&lt;b</code></p>")
  }

  @Test func aValueUsedAsAnAddressIsCheckedLikeAnyOther() {
    let hostile = ProseText([.markdown("[paper]("), .value("javascript:alert(1)"), .markdown(")")]).html()
    #expect(hostile == "<p><a>paper</a></p>")
    let fine = ProseText([.markdown("[paper]("), .value("https://x.example/?a=1&b=\"2\""), .markdown(")")]).html()
    #expect(fine == "<p><a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\">paper</a></p>")
  }

  @Test func placeholderCharactersInTheAuthorsTextCannotForgeAValue() {
    let forged = ProseText([.markdown("x \u{F8F0}0\u{F8F1} y "), .value("<v>")]).html()
    #expect(forged == "<p>x 0 y &lt;v&gt;</p>")
  }

  @Test func theMarkdownExportKeepsTheAuthorsTextAndEscapesValues() {
    let prose = ProseText([.markdown("Said *"), .value(Self.hostileValue), .markdown("* <b>ok</b>")])
    #expect(
      prose.markdown()
        == "Said *\\<script\\>document\\.title\\=\\'x\\'\\<\\/script\\> \\<img src\\=x onerror\\=alert\\(1\\)\\> "
        + "\\*\\*bold\\*\\* \\&amp\\; \\[a\\]\\(javascript\\:x\\)* <b>ok</b>")
  }

  @Test func aMultiLineValueInMarkdownStaysInItsParagraph() {
    let escaped = ProseText.escapedForMarkdown("first\n\n# not a heading\n    not code\n1. not a list\n> not a quote")
    #expect(escaped == "first\n\\# not a heading\nnot code\n1\\. not a list\n\\> not a quote")
  }

  @Test(arguments: [
    ("&#106;&#x61;&#X76;a", "java"), ("&#0;&#xD800;&#1114112;", "\u{FFFD}\u{FFFD}\u{FFFD}"), ("&#128;", "€"),
    ("&colon;&Tab;&NewLine;&amp;", ":\t\n&"), ("&unknown; &amp &", "&unknown; &amp &"),
    ("&#106avascript", "javascript"),
  ])
  func characterReferencesDecodeAsInAnAttribute(_ text: String, _ decoded: String) {
    #expect(CharacterReferences.decode(text) == decoded)
  }
}
