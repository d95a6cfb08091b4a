import Foundation

/// Makes a document of a notebook from its record, running nothing: prose, each cell's code,
/// what it printed, its value and its figures, in file order.
///
/// The HTML page is safe to open whoever wrote the notebook: prose goes through
/// `HTMLSanitizer`, figures through its SVG policy, everything else is escaped, and the page's
/// content security policy forbids script in case anything were missed.
public struct NotebookExporter {
  /// The document formats `ftg export` writes.
  public enum Format: String, Sendable, CaseIterable { case md, html }

  let notebook: Notebook
  let record: NotebookRecord?
  /// The record folder as the document should refer to it (relative to the document).
  let recordFolder: String

  public init(notebook: Notebook, record: NotebookRecord?) {
    self.notebook = notebook
    self.record = record
    recordFolder = (NotebookRecord.folder(for: notebook.path) as NSString).lastPathComponent
  }

  /// The path the exported document is written to: beside the notebook.
  public static func outputPath(for notebookPath: String, format: Format) -> String {
    let base = notebookPath.hasSuffix(".ftg") ? String(notebookPath.dropLast(4)) : notebookPath
    return base + "." + format.rawValue
  }

  public func markdown() -> String {
    var parts: [String] = []
    for cell in notebook.cells {
      switch cell.kind {
      case .preamble: parts.append(preambleMarkdown(cell.source))
      case .prose: parts.append(prose(cell).markdown().trimmingCharacters(in: .newlines))
      case .code:
        var block = ["```ftg\n\(trimmed(cell.source))\n```"]
        guard let output = record?.cell(named: cell.name) else {
          parts.append((block + ["*No recorded output: run the notebook first.*"]).joined(separator: "\n\n"))
          continue
        }
        if !output.output.isEmpty { block.append("```text\n\(trimmed(output.output))\n```") }
        if !output.value.isEmpty { block.append("```text\n\(output.value)\n```") }
        block += output.figures.map { "![\(cell.name)](\(recordFolder)/\($0))" }
        parts.append(block.joined(separator: "\n\n"))
      }
    }
    return parts.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
  }

  /// A standalone HTML page; figures are inlined as SVG so the page needs no other file.
  public func html() -> String {
    var body: [String] = []
    for cell in notebook.cells {
      switch cell.kind {
      case .preamble: body.append(ProseText(markdown: preambleMarkdown(cell.source)).html())
      case .prose: body.append(prose(cell).html())
      case .code:
        body.append("<pre class=\"code\"><code>\(escape(trimmed(cell.source)))</code></pre>")
        guard let output = record?.cell(named: cell.name) else {
          body.append("<p class=\"missing\">No recorded output: run the notebook first.</p>")
          continue
        }
        if !output.output.isEmpty { body.append("<pre class=\"output\">\(sourced(trimmed(output.output)))</pre>") }
        if !output.value.isEmpty { body.append("<pre class=\"output\">\(escape(output.value))</pre>") }
        body += output.figures.map(figureHTML)
      }
    }
    let title = escape((notebook.path as NSString).lastPathComponent)
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
      <meta charset="utf-8">
      <title>\(title)</title>
      <style>
      body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
      pre { padding: 0.75rem; overflow-x: auto; border-radius: 4px; }
      pre.output { white-space: pre-wrap; overflow-wrap: anywhere; }
      pre.code { background: #f4f4f8; border-left: 3px solid #1f77b4; }
      pre.output { background: #fbfbf4; border-left: 3px solid #999; }
      figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
      .missing { color: #a33; font-style: italic; }
      .from-client-0 { color: #1f77b4; } .from-client-1 { color: #b0417f; } .from-client-2 { color: #8a6d00; }
      .from-client-3 { color: #17858f; } .from-client-4 { color: #2c8a2c; } .from-client-5 { color: #c0392b; }
      .from-merge { font-weight: bold; }
      </style>
      </head>
      <body>
      \(body.joined(separator: "\n"))
      </body>
      </html>

      """
  }

  /// `output` escaped, each `ProvenanceLine` (a merged prompt's sentence from `show(run)`) in a
  /// span classed by its source (`from-client-N`, six colours in turn, or `from-merge`).
  private func sourced(_ output: String) -> String {
    output.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      switch ProvenanceLine.source(of: line) {
      case .client(let index): return "<span class=\"from-client-\(index % 6)\">\(escape(String(line)))</span>"
      case .merge: return "<span class=\"from-merge\">\(escape(String(line)))</span>"
      case nil: return escape(String(line))
      }
    }.joined(separator: "\n")
  }

  /// What the page may do, as its content security policy.
  ///
  /// No script, no frames, forms, fonts or fetches of any kind; only its own inline styles
  /// and `data:` images. Inline SVG figures are part of the page and need nothing more.
  /// Images that prose links to elsewhere are therefore not loaded.
  static let contentSecurityPolicy =
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    + "base-uri 'none'; form-action 'none'"

  /// A prose cell's text, with the values inserted into it.
  ///
  /// A prose cell: the author's Markdown, with each interpolated value the record holds as
  /// text (escaped for the format, whatever it contains); a cell whose values were never
  /// recorded shows its expressions as written.
  private func prose(_ cell: Notebook.Cell) -> ProseText {
    let template = ProseTemplate(cell)
    guard template.hasExpressions, let values = record?.cell(named: cell.name)?.values else {
      return ProseText(markdown: cell.source)
    }
    var next = values.makeIterator()
    return ProseText(
      template.parts.map { part in
        switch part {
        case .text(let text): return .markdown(text)
        case .expression: return .value(next.next() ?? "")
        }
      })
  }

  /// A recorded figure inlined: its SVG, sanitized, since a record can be edited by hand.
  ///
  /// Only a file directly in the record's `figures/` folder is read.
  private func figureHTML(_ figure: String) -> String {
    let name = figure.hasPrefix("figures/") ? String(figure.dropFirst("figures/".count)) : ""
    guard !name.contains("/"), name.hasSuffix(".svg") else {
      return "<p class=\"missing\">figure \(escape(figure)) is not in the record's figures folder</p>"
    }
    let path = NotebookRecord.folder(for: notebook.path) + "/" + figure
    guard let svg = try? String(contentsOfFile: path, encoding: .utf8) else {
      return "<p class=\"missing\">missing figure \(escape(figure))</p>"
    }
    return "<figure>\(HTMLSanitizer(policy: .svg).sanitized(svg))</figure>"
  }

  /// Leading comment lines, unprefixed: the first becomes the title.
  private func preambleMarkdown(_ source: String) -> String {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.hasPrefix("# ") { return String(text.dropFirst(2)) }
      return text.hasPrefix("#") ? String(text.dropFirst()) : text
    }
    guard let first = lines.firstIndex(where: { !$0.isEmpty }) else { return "" }
    return (["# " + lines[first]] + lines[(first + 1)...]).joined(separator: "\n").trimmingCharacters(in: .newlines)
  }

  private func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .newlines) }

  private func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
