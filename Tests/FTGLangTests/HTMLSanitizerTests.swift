import Testing

@testable import FTGLang

/// The Markdown policy of `HTMLSanitizer`, case by case: what goes, what stays, what an
/// attacker's spelling tricks come to.
@Suite struct HTMLSanitizerTests {
  let sanitizer = HTMLSanitizer(policy: .markdown)

  @Test(arguments: [
    // Script and the elements that load or hold other documents go, with their content.
    ("<p>Hi <script>document.title='x'</script>there</p>", "<p>Hi there</p>"),
    ("<SCRIPT>alert(1)</SCRIPT>after", "after"),
    ("<script>if (a </script > b) {}</script>x", " b) {}x"),
    ("<style>body { display: none }</style>text", "text"),
    ("<iframe srcdoc=\"<script>x</script>\">inside</iframe>after", "after"),
    ("<object data=\"x.swf\"><p>fallback</p></object>", ""),
    ("<embed src=\"data:text/html,x\">after", "after"),
    ("<template><img src=x onerror=alert(1)></template>after", "after"),
    ("<svg onload=\"alert(1)\"><circle r=\"4\"/></svg>after", "after"),
    ("<svg/>after", "after"),
    ("<math><mi>x</mi></math>after", "after"),
    ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "<img src=\"x\">\"&gt;"),
    // Elements that only look or link somewhere go, their text stays.
    ("<form action=\"https://evil.example\"><input name=\"a\">label<button>go</button></form>", "labelgo"),
    (
      "<base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0\"><link rel=stylesheet href=x>t",
      "t"
    ),
    ("<font color=red>red</font>", "red"),
    // Event handlers, style and unknown attributes go; allowed ones stay, re-quoted.
    ("<img src=x onerror=alert(1)>", "<img src=\"x\">"),
    ("<IMG SRC=x ONERROR=alert(1) alt='a \"b\"'>", "<img src=\"x\" alt=\"a &quot;b&quot;\">"),
    (
      "<details open ontoggle=\"alert(1)\"><summary>s</summary>x</details>",
      "<details open=\"\"><summary>s</summary>x</details>"
    ),
    ("<p style=\"position:fixed\" class=\"x\" id=\"y\" title=\"t\">p</p>", "<p title=\"t\">p</p>"),
    ("<code class=\"language-swift\" onmouseover=\"x\">c</code>", "<code class=\"language-swift\">c</code>"),
    ("<td align=\"right\" colspan=\"2\" bgcolor=\"red\">1</td>", "<td align=\"right\" colspan=\"2\">1</td>"),
    ("<a/href=\"javascript:x\"/onclick=\"y\">a</a>", "<a>a</a>"),
    ("<a href=\"https://x.example\" href=\"javascript:x\">a</a>", "<a href=\"https://x.example\">a</a>"),
    // Addresses: only http, https, mailto and relative links; images also data: images.
    ("<a href=\"javascript:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"JaVaScRiPt:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"&#106;avascript:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"&#x6A;&#X61;vascript:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"&#0000106avascript:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"java&#x09;script:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"java&Tab;scr&NewLine;ipt:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"java\nscript:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\" &#14; javascript:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"javascript&colon;alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"jav\u{0}ascript:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"java script:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"java\u{0C}script:alert(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"\u{1F}\u{0B}javascript:alert(1)\u{7F}\">a</a>", "<a>a</a>"),
    ("<a href=\"vbscript:msgbox(1)\">a</a>", "<a>a</a>"),
    ("<a href=\"data:text/html,<script>alert(1)</script>\">a</a>", "<a>a</a>"),
    ("<a href=\"data:image/png;base64,AAAA\">a</a>", "<a>a</a>"),
    ("<a href=\"file:///etc/passwd\">a</a>", "<a>a</a>"),
    ("<a href=\"https://x.example/?a=1&amp;b=2\">a</a>", "<a href=\"https://x.example/?a=1&amp;b=2\">a</a>"),
    ("<a href=\"HTTPS://x.example\">a</a>", "<a href=\"HTTPS://x.example\">a</a>"),
    ("<a href=\"mailto:me@x.example\">a</a>", "<a href=\"mailto:me@x.example\">a</a>"),
    ("<a href=\"../other.html#part\">a</a>", "<a href=\"../other.html#part\">a</a>"),
    ("<a href=\"?q=a:b\">a</a>", "<a href=\"?q=a:b\">a</a>"),
    ("<a href=\"&quot;x&quot;\">a</a>", "<a href=\"&quot;x&quot;\">a</a>"),
    (
      "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">",
      "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">"
    ),
    ("<img src=\"data:text/html;base64,PHNjcmlwdD4=\" alt=\"a &amp; b\">", "a &amp; b"),
    ("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", ""),
    ("<img src=\"javascript:alert(1)\">", ""),
    // Text keeps its references, escapes the rest; comments and stray tags go; tags close.
    ("a &copy; &amp; &#169; AT&T <3 >", "a &copy; &amp; &#169; AT&amp;T &lt;3 &gt;"),
    ("a<!-- <script>alert(1)</script> -->b<!---->c<!-->d<?php x ?>e<!DOCTYPE html>f", "abcdef"),
    ("<b>bold <i>both</b> after</i>", "<b>bold <i>both</i></b> after"),
    ("</div></p>text", "text"),
    ("<ul><li>one<li>two</ul>", "<ul><li>one<li>two</li></li></ul>"),
    ("a<img src=x onerror=alert(1)", "a"),
    ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
    ("<br/><hr><wbr>", "<br><hr>"),
    ("a\u{0}b", "a\u{FFFD}b"),
  ])
  func sanitizes(_ input: String, _ expected: String) {
    #expect(sanitizer.sanitized(input) == expected)
  }

  /// Sanitizing what was sanitized changes nothing: the output reads back as the same tokens.
  @Test func isIdempotentOnHostileInput() {
    for input in Self.hostileCorpus(count: 3000) {
      let once = sanitizer.sanitized(input)
      #expect(sanitizer.sanitized(once) == once, "input: \(input)")
    }
  }

  /// Whatever comes in, every element out is allowed, no attribute is an event handler or a
  /// style, and every address is one `SafeURL` allows (checked from the output's own tokens).
  @Test func outputOfHostileInputHasOnlyAllowedMarkup() {
    for input in Self.hostileCorpus(count: 3000) {
      let output = sanitizer.sanitized(input)
      for token in HTMLTokenizer.html.tokens(output) {
        guard case .startTag(let name, let attributes, _) = token else { continue }
        #expect(SanitizerPolicy.markdown.elements[name] != nil, "\(name) from \(input)")
        for attribute in attributes {
          #expect(!attribute.name.hasPrefix("on") && attribute.name != "style", "\(attribute.name) from \(input)")
          if let use = SanitizerPolicy.markdown.addresses[attribute.name] {
            let decoded = CharacterReferences.decode(attribute.value)
            #expect(SafeURL.checked(decoded, for: use) == decoded, "\(decoded) from \(input)")
          }
        }
      }
    }
  }

  /// Inputs glued from pieces of markup and attack spellings by a fixed-seed generator.
  static func hostileCorpus(count: Int) -> [String] {
    let pieces = [
      "<", ">", "/", "</", "<!--", "-->", "<!", "\"", "'", "=", " ", "\n", "\t", "\0", "&", "&#", ";", "x", "6A",
      "106", "&#106;", "&colon;", "&Tab;", "script", "SCRIPT", "style", "a", "img", "svg", "b", "p", "iframe",
      "noscript", "textarea", "title", "math", "href", "src", "onerror", "onload", "style", "javascript:",
      "JaVaScRiPt:", "data:text/html,", "data:image/png,", "http://x", "alert(1)", "/>",
    ]
    var generator = SplitMix64(seed: 19)
    return (0..<count).map { _ in
      (0..<Int(generator.next() % 24 + 1)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }
  }
}
