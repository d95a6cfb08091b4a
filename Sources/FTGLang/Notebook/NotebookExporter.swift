import Foundation
import Ink

/// Makes a document of a notebook from its record, running nothing: prose, each cell's code,
/// what it printed, its value and its figures, in file order.
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
      case .prose: parts.append(cell.source.trimmingCharacters(in: .newlines))
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
    let parser = MarkdownParser()
    var body: [String] = []
    for cell in notebook.cells {
      switch cell.kind {
      case .preamble: body.append(parser.html(from: preambleMarkdown(cell.source)))
      case .prose: body.append(parser.html(from: cell.source))
      case .code:
        body.append("<pre class=\"code\"><code>\(escape(trimmed(cell.source)))</code></pre>")
        guard let output = record?.cell(named: cell.name) else {
          body.append("<p class=\"missing\">No recorded output: run the notebook first.</p>")
          continue
        }
        if !output.output.isEmpty { body.append("<pre class=\"output\">\(escape(trimmed(output.output)))</pre>") }
        if !output.value.isEmpty { body.append("<pre class=\"output\">\(escape(output.value))</pre>") }
        for figure in output.figures {
          let path = NotebookRecord.folder(for: notebook.path) + "/" + figure
          let svg = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<p class=\"missing\">missing figure \(escape(figure))</p>"
          body.append("<figure>\(svg)</figure>")
        }
      }
    }
    let title = escape((notebook.path as NSString).lastPathComponent)
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
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
      </style>
      </head>
      <body>
      \(body.joined(separator: "\n"))
      </body>
      </html>

      """
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
