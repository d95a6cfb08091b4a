import Foundation
import TextGrad

/// Runs a notebook cell by cell against its record: a cell whose key matches the record is
/// replayed and its outputs compared; a changed cell, and every cell that reads from it,
/// runs live and its record is replaced.
public struct NotebookRunner {
  /// How a run treats the record.
  public struct Options: Sendable {
    /// A live LLM call is an error (for CI and readers without an LLM).
    public var offline = false
    /// Ignore the record: every cell runs live.
    public var fresh = false
    /// Stop after the cell with this name (or `cell N`).
    public var only: String?

    public init(offline: Bool = false, fresh: Bool = false, only: String? = nil) {
      self.offline = offline
      self.fresh = fresh
      self.only = only
    }
  }

  /// What happened to one cell.
  public enum CellStatus: Sendable, Equatable {
    /// Its key matched and its outputs equal the record's.
    case replayed
    /// It ran live (new or changed, or `--fresh`); its record was replaced.
    case ran
    /// Its key matched but its outputs differ from the record's; the diff says how.
    case diverged(String)
  }

  /// The outcome of a notebook run.
  public struct Report: Sendable {
    public var cells: [(name: String, status: CellStatus)] = []
    /// Errors that stopped the run (a failing cell, an unreadable record).
    public var errors: [Diagnostic] = []
    /// Where the record was written, if it was.
    public var recordPath: String?

    public var diverged: Bool { cells.contains { if case .diverged = $0.status { true } else { false } } }

    /// One line per run (`3 cells replayed, 1 ran; record: demo.out`), then each divergence.
    public var summary: String {
      let replayed = cells.filter { $0.status == .replayed }.count
      let ran = cells.filter { $0.status == .ran }.count
      var lines = ["notebook: \(replayed) cell(s) replayed, \(ran) ran live" + (recordPath.map { "; record written to \($0)" } ?? "")]
      for (name, status) in cells {
        if case .diverged(let diff) = status { lines.append("replay divergence in cell '\(name)':\n\(diff)") }
      }
      return lines.joined(separator: "\n")
    }
  }

  let session: Session
  let options: Options

  public init(session: Session, options: Options = Options()) {
    self.session = session
    self.options = options
  }

  /// Runs the notebook at `path`, leaving its bindings in the session.
  public func run(path: String) async -> Report {
    var report = Report()
    let interpreter = session.interpreter
    let text: String
    do {
      text = try interpreter.host.readFile(atPath: path)
    } catch {
      report.errors = [Diagnostic(Messages.moduleUnreadable(path, error.localizedDescription), at: .start(of: path))]
      return report
    }
    interpreter.sources[path] = text
    let notebook = Notebook(path: path, text: text)
    var old: NotebookRecord?
    var oldCalls = RecordedCalls()
    var oldTasks = RecordedTasks()
    let domain = interpreter.domain
    do {
      old = options.fresh ? nil : try NotebookRecord.load(for: path)
      oldCalls = options.fresh ? RecordedCalls() : try RecordedCalls.load(for: path)
      oldTasks = options.fresh ? RecordedTasks() : try RecordedTasks.load(for: path)
      domain.recordedTasks = try oldTasks.definitions(path: RecordedTasks.path(for: path))
    } catch {
      report.errors = [Diagnostic("\(error)", at: .start(of: path))]
      return report
    }
    domain.usedTasks = [:]
    defer {
      domain.recordedTasks = [:]
      domain.usedTasks = nil
    }
    let allNames = Set(notebook.codeCells.flatMap { cell in
      Parser.parse(notebook.isolated(cell), file: path).0.statements.flatMap(\.declaredNames)
    })
    var record = NotebookRecord(notebook: (path as NSString).lastPathComponent)
    var writer = NotebookRecordWriter(path: path, onDisk: old, callsOnDisk: oldCalls, tasksOnDisk: oldTasks)
    var calls = RecordedCalls()
    var figures: [String: String] = [:]
    var binders: [String: String] = [:]
    var reachedOnly = false
    for cell in notebook.codeCells where !reachedOnly {
      reachedOnly = cell.name == options.only
      let analysis = CellAnalysis(cell, of: notebook, laterNames: allNames, interpreter: interpreter)
      guard analysis.errors.isEmpty else {
        report.errors = analysis.errors
        return report
      }
      let key = Self.key(source: cell.source, dependencies: analysis.reads.sorted().compactMap { name in
        binders[name].map { "\(name)=\($0)" }
      })
      let recorded = old?.cell(named: cell.name).flatMap { $0.key == key ? $0 : nil }
      interpreter.capture = (output: "", figures: [])
      interpreter.domain.gate.beginCell(
        cell.name, record: recorded == nil ? [] : oldCalls.calls(of: cell.name), offline: options.offline)
      let outcome = await session.run(analysis.program, file: path)
      let made = interpreter.domain.gate.endCell()
      let captured = interpreter.capture ?? (output: "", figures: [])
      interpreter.capture = nil
      if case .failure(let diagnostics) = outcome {
        report.errors = diagnostics
        return report
      }
      var value = ""
      // A figure the cell ends with is kept as SVG, not as its text rendering too.
      if case .value(let v?) = outcome, v != .null, !v.isCapturedFigure(in: captured.figures) { value = v.echoed }
      var entry = NotebookRecord.CellRecord(name: cell.name, key: key, output: captured.output, value: value, figures: [])
      for (i, figure) in captured.figures.enumerated() {
        let file = "figures/\(Self.slug(cell.name))-\(i + 1).svg"
        entry.figures.append(file)
        figures[file] = SVGChart(figure: figure).render()
      }
      if let recorded {
        let divergence = Self.compare(recorded, entry, figures: figures, folder: NotebookRecord.folder(for: path))
        report.cells.append((cell.name, divergence.map(CellStatus.diverged) ?? .replayed))
      } else {
        report.cells.append((cell.name, .ran))
      }
      record.cells.append(entry)
      calls.lines += made.map { RecordedCalls.Line(cell: cell.name, key: $0.key, request: $0.request, response: $0.response) }
      for name in analysis.binds { binders[name] = key }
      let used = RecordedTasks(domain.usedTasks ?? [:])
      if !report.diverged, !writer.save(record, calls, used, figures, keeping: (old, oldCalls, oldTasks), into: &report) {
        return report
      }
    }
    if options.only == nil, !report.diverged {
      _ = writer.save(record, calls, RecordedTasks(domain.usedTasks ?? [:]), figures, keeping: nil, into: &report)
    }
    return report
  }

  /// A cell's key: a hash of its source and of the keys of the cells it reads from.
  static func key(source: String, dependencies: [String]) -> String {
    let canonical = "ftg-cell-v1\n" + source + "\n--\n" + dependencies.joined(separator: "\n")
    return SHA256.hash(Data(canonical.utf8)).lowercaseHex
  }

  /// Nil when the new outputs equal the recorded ones; otherwise a readable diff.
  static func compare(
    _ old: NotebookRecord.CellRecord, _ new: NotebookRecord.CellRecord, figures: [String: String], folder: String
  ) -> String? {
    var parts: [String] = []
    if old.output != new.output { parts.append("output:\n" + LineDiff.text(from: old.output, to: new.output)) }
    if old.value != new.value { parts.append("value:\n" + LineDiff.text(from: old.value, to: new.value)) }
    if old.figures != new.figures {
      parts.append("figures: recorded \(old.figures), now \(new.figures)")
    } else {
      for file in new.figures {
        let recorded = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        if recorded != figures[file] { parts.append("figure \(file) differs from the recorded one") }
      }
    }
    return parts.isEmpty ? nil : parts.joined(separator: "\n")
  }

  static func slug(_ name: String) -> String {
    let kept = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
    return String(kept)
  }
}

extension SourceRange {
  /// The first position of a file, for errors about the file as a whole.
  static func start(of file: String) -> SourceRange {
    let origin = SourceLocation(offset: 0, line: 1, column: 1)
    return SourceRange(file: file, start: origin, end: origin)
  }
}
