import ArgumentParser
import FTGLang
import Foundation

/// `ftg export NAME.ftg --to md|html`: a document of the notebook made from its record,
/// without running anything.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write a notebook and its recorded outputs as Markdown or HTML.")

  @Argument(help: "The notebook (a .ftg file).")
  var file: String

  @Option(help: "The format: md or html.")
  var to: NotebookExporter.Format = .html

  @Option(name: .shortAndLong, help: "Where to write the document (default: beside the notebook).")
  var output: String?

  func run() async throws {
    let text: String
    do {
      text = try String(contentsOfFile: file, encoding: .utf8)
    } catch {
      FileHandle.standardError.write(Data("ftg: \(ScriptFileError(path: file, underlying: error))\n".utf8))
      throw ExitCode.usage
    }
    let record: NotebookRecord?
    do {
      record = try NotebookRecord.load(for: file)
    } catch {
      FileHandle.standardError.write(Data("ftg: \(error)\n".utf8))
      throw ExitCode.failure
    }
    let exporter = NotebookExporter(notebook: Notebook(path: file, text: text), record: record)
    let document = to == .md ? exporter.markdown() : exporter.html()
    let path = output ?? NotebookExporter.outputPath(for: file, format: to)
    do {
      try Data(document.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      FileHandle.standardError.write(Data("ftg: cannot write '\(path)': \(error.localizedDescription)\n".utf8))
      throw ExitCode.failure
    }
    print(path)
  }
}

extension NotebookExporter.Format: ExpressibleByArgument {}
