import Foundation

@testable import FTGLang

/// A notebook written to run script in whoever opens its export: raw HTML with scripts and
/// event handlers, `javascript:` and `data:text/html` addresses spelled every which way,
/// Markdown links and code fences that break out of their attributes, a plot title that
/// closes the `<svg>`, and a recorded figure edited by hand.
///
/// Every payload that runs appends ` ran:NAME` to the page title; `firing` lists those that
/// do run in Chromium when the page is not protected (`ExportInBrowserTests` checks it).
enum HostileNotebook {
  static let rawHTML = """
    <script>document.title+=' ran:script'</script>
    <img src="missing.png" onerror="document.title+=' ran:onerror'">
    <svg onload="document.title+=' ran:svgonload'"></svg>
    <details open ontoggle="document.title+=' ran:ontoggle'"><summary>s</summary>x</details>
    <body onload="document.title+=' ran:bodyonload'">
    <iframe srcdoc="<script>parent.document.title+=' ran:srcdoc'</script>"></iframe>
    <style onload="document.title+=' ran:styleonload'"></style>
    <input autofocus onfocus="document.title+=' ran:autofocus'">
    <noscript><p title="</noscript><img src=x onerror=document.title+='&#32;ran:noscript'>"></noscript>
    <video><source onerror="document.title+=' ran:source'"></video>
    <svg><animate onbegin="document.title+=' ran:animate'" attributeName="x" dur="1s"/></svg>
    <svg><script>document.title+=' ran:svgscript'</script></svg>
    <link rel="stylesheet" href="data:text/css,p{}" onload="document.title+=' ran:link'">
    <iframe src="javascript:parent.document.title+=' ran:jsiframe'"></iframe>
    <iframe src="&#106;avascript:parent.document.title+=' ran:entity'"></iframe>
    <iframe src="java&#x09;script:parent.document.title+=' ran:tab'"></iframe>
    <iframe src="JaVaScRiPt&colon;parent.document.title+=' ran:colon'"></iframe>
    <iframe src=" &#14;javascript:parent.document.title+=' ran:control'"></iframe>
    <object data="data:text/html,<b>an object</b>"></object>
    <embed src="data:text/html,<b>an embed</b>">
    <form action="https://evil.example/"><button formaction="javascript:document.title+=' ran:form'">go</button></form>
    <meta http-equiv="refresh" content="0;url=javascript:document.title+=' ran:refresh'">
    """

  static let markdownPayloads = """
    A [javascript link](javascript:document.title+=' ran:mdlink'), a [mixed-case one](JaVaScRiPt:x), a
    [data page](data:text/html;base64,PGI+eDwvYj4=), a [vbscript one](vbscript:x)
    and a [fine one](https://example.com/?a=1&b=2).

    ![broken out](missing.png" onerror="document.title+=' ran:inkimage')

    [focus me](#" autofocus onfocus="document.title+=' ran:inkfocus')

    ```swift" onmouseover="document.title+=' ran:fence'
    let x = 1 < 2
    ```
    """

  static let plotTitle = "</svg><script>document.title+=' ran:svgtitle'</script>"

  /// What the hand-edited figure file holds.
  static let tamperedFigure = """
    <svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" onload="document.title+=' ran:figonload'">
    <script>document.title+=' ran:figscript'</script>
    <foreignObject width="10" height="10"><img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="document.title+=' ran:figforeign'"/></foreignObject>
    <rect width="100" height="50" fill="#1f77b4"/>
    <a href="javascript:document.title+=' ran:figlink'"><text x="5" y="20">click</text></a>
    </svg>
    """

  /// The payloads that run in Chromium on a page with none of the protections.
  ///
  /// The rest need
  /// a click, or (`autofocus`) lose to an earlier one: only the first autofocus is focused.
  static let firing = [
    "script", "onerror", "svgonload", "ontoggle", "bodyonload", "srcdoc", "styleonload", "noscript",
    "source", "animate", "svgscript", "link", "jsiframe", "entity", "tab", "colon", "control", "inkimage",
    "inkfocus", "svgtitle", "figonload", "figscript", "figforeign",
  ]

  static let text = """
    # Hostile notebook
    %% md
    \(markdownPayloads)
    %% md
    \(rawHTML)
    %% plot
    plot([{round: 0, acc: 0.5}, {round: 1, acc: 0.7}], y: "acc", title: "\(plotTitle.replacingOccurrences(of: "\"", with: "\\\""))")
    %% edited
    plot([{round: 0, acc: 0.1}], y: "acc", title: "edited by hand")
    """

  /// Writes the notebook into a fresh folder, runs it to make its record, then edits the
  /// second figure by hand; returns the notebook's path.
  static func recorded() async throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("hostile.ftg").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    _ = await NotebookRunner(session: Session(host: TestHost(), moduleSearchPaths: [])).run(path: path)
    let figure = NotebookRecord.folder(for: path) + "/figures/edited-1.svg"
    guard FileManager.default.fileExists(atPath: figure) else { throw HostileNotebookError.noFigure(figure) }
    try tamperedFigure.write(toFile: figure, atomically: true, encoding: .utf8)
    return path
  }

  /// The page the export would be with no protection at all: Ink's rendering as it is, the
  /// plot title not escaped, the edited figure inlined as it is.
  static func unprotectedPage() -> String {
    let prose = [markdownPayloads, rawHTML].map { ProseText(markdown: $0).renderedMarkdown().html }
    let figure = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>\(plotTitle)</text></svg>"
    return page(
      body: prose.joined(separator: "\n") + "\n<figure>\(figure)</figure>\n<figure>\(tamperedFigure)</figure>")
  }

  static func page(body: String, head: String = "") -> String {
    "<!DOCTYPE html>\n<html><head>\(head)<meta charset=\"utf-8\"><title>hostile.ftg</title></head>\n<body>\n\(body)\n</body></html>\n"
  }
}

enum HostileNotebookError: Error {
  case noFigure(String)
}
