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
    /// Keep the record in `NAME.VARIANT.out/` instead of `NAME.out/` (a run on another engine
    /// or scale, which must not replace the shipped record).
    public var variant: String?
    /// Run every cell against a `DryRunEngine` instead of the notebook's engines, reading and
    /// writing no record, to count the calls a fresh run would make.
    public var dryRun = false
    /// Run every cell again with its LLM calls answered from the record alone (any other call
    /// is an error, as offline), and replace the record's outputs: for records made before a
    /// change in how ftg prints values, which would otherwise diverge.
    public var rerender = false

    public init(
      offline: Bool = false, fresh: Bool = false, only: String? = nil, variant: String? = nil, dryRun: Bool = false,
      rerender: Bool = false
    ) {
      self.offline = offline || rerender
      self.fresh = fresh || dryRun
      self.only = only
      self.variant = variant
      self.dryRun = dryRun
      self.rerender = rerender
    }
  }

  /// What happened to one cell.
  public enum CellStatus: Sendable, Equatable {
    /// Its key matched and its outputs equal the record's.
    case replayed
    /// It ran live (new or changed, or `--fresh`); its record was replaced.
    case ran
    /// It ran again on its recorded answers (`rerender`); its outputs were replaced.
    case rerendered
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
    /// In a dry run, what each cell asked, in order.
    public var estimates: [(name: String, tally: DryRunEngine.Tally)] = []

    /// The dry run's estimate: one line per cell that calls a model, then the total and what
    /// the figures assume.
    public var estimateSummary: String {
      var total = DryRunEngine.Tally()
      var lines: [String] = []
      for (name, tally) in estimates where tally.calls > 0 {
        lines.append("cell '\(name)': " + Self.describe(tally))
        total.calls += tally.calls
        total.promptTokens += tally.promptTokens
        total.completionTokensCeiling += tally.completionTokensCeiling
        total.reminderable += tally.reminderable
      }
      lines.append("total: " + Self.describe(total))
      lines.append(
        "assumes: replies as short as their format allows (real prompt tokens grow with real replies);"
          + " every completion at its max_tokens for the ceiling; at most one format reminder per judge or optimizer call"
      )
      return lines.joined(separator: "\n")
    }

    static func describe(_ tally: DryRunEngine.Tally) -> String {
      "\(tally.calls) calls (at most \(tally.ceiling)), about \(tally.promptTokens) prompt tokens,"
        + " at most \(tally.completionTokensCeiling) completion tokens"
    }

    public var diverged: Bool { cells.contains { if case .diverged = $0.status { true } else { false } } }

    /// One line per run (`3 cells replayed, 1 ran; record: demo.out`), then each divergence.
    public var summary: String {
      let replayed = cells.filter { $0.status == .replayed }.count
      let ran = cells.filter { $0.status == .ran }.count
      let rerendered = cells.filter { $0.status == .rerendered }.count
      let counts =
        rerendered > 0
        ? "\(rerendered) cell(s) rerendered from their recorded answers"
        : "\(replayed) cell(s) replayed, \(ran) ran live"
      var lines = ["notebook: " + counts + (recordPath.map { "; record written to \($0)" } ?? "")]
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
    // Record files are named after this path: the notebook's own, or its variant's.
    let recordPath = options.variant.map { Self.variantPath(path, $0) } ?? path
    var old: NotebookRecord?
    var oldCalls = RecordedCalls()
    var oldTasks = RecordedTasks()
    let domain = interpreter.domain
    let dryRun = options.dryRun ? DryRunEngine() : nil
    domain.dryRun = dryRun
    defer { domain.dryRun = nil }
    do {
      old = options.fresh ? nil : try NotebookRecord.load(for: recordPath)
      oldCalls = options.fresh ? RecordedCalls() : try RecordedCalls.load(for: recordPath)
      oldTasks = options.fresh ? RecordedTasks() : try RecordedTasks.load(for: recordPath)
      domain.recordedTasks = try oldTasks.definitions(path: RecordedTasks.path(for: recordPath))
    } catch {
      report.errors = [Diagnostic("\(error)", at: .start(of: path))]
      return report
    }
    domain.usedTasks = [:]
    defer {
      domain.recordedTasks = [:]
      domain.usedTasks = nil
    }
    let allNames = Set(
      notebook.codeCells.flatMap { cell in
        Parser.parse(notebook.isolated(cell), file: path).0.statements.flatMap(\.declaredNames)
      })
    var record = NotebookRecord(notebook: (path as NSString).lastPathComponent)
    var writer = NotebookRecordWriter(
      path: recordPath, onDisk: old, callsOnDisk: oldCalls, tasksOnDisk: oldTasks, writes: !options.dryRun)
    var calls = RecordedCalls()
    var figures: [String: String] = [:]
    var binders: [String: String] = [:]
    var reachedOnly = false
    for cell in notebook.runnableCells where !reachedOnly {
      reachedOnly = cell.name == options.only
      let analysis =
        cell.kind == .prose
        ? CellAnalysis(prose: ProseTemplate(cell), of: notebook, laterNames: allNames, interpreter: interpreter)
        : CellAnalysis(cell, of: notebook, laterNames: allNames, interpreter: interpreter)
      guard analysis.errors.isEmpty else {
        report.errors = analysis.errors
        return report
      }
      let key = Self.key(
        source: cell.source,
        dependencies: analysis.reads.sorted().compactMap { name in
          binders[name].map { "\(name)=\($0)" }
        })
      let recorded = options.rerender ? nil : old?.cell(named: cell.name).flatMap { $0.key == key ? $0 : nil }
      let ranStatus: CellStatus = options.rerender ? .rerendered : .ran
      interpreter.capture = (output: "", figures: [])
      let askedBefore = dryRun?.tally
      defer { if let dryRun, let askedBefore { report.estimates.append((cell.name, dryRun.tally - askedBefore)) } }
      interpreter.domain.gate.beginCell(
        cell.name, record: recorded == nil && !options.rerender ? [] : oldCalls.calls(of: cell.name),
        offline: options.offline,
        remedy: options.rerender
          ? "--rerender only answers from the record; run without it to make the call"
          : CallGate.offlineRemedy)
      var entry: NotebookRecord.CellRecord
      if cell.kind == .prose {
        let outcome = await proseValues(analysis.expressions, file: path)
        let made = interpreter.domain.gate.endCell()
        interpreter.capture = nil
        calls.lines += made.map {
          RecordedCalls.Line(cell: cell.name, key: $0.key, request: $0.request, response: $0.response)
        }
        guard case .success(let values) = outcome else {
          if case .failure(let failure) = outcome { report.errors = failure.diagnostics }
          return report
        }
        let text = ProseTemplate(cell).rendered(values: values)
        entry = NotebookRecord.CellRecord(
          name: cell.name, key: key, output: text, value: "", figures: [], values: values)
        if let recorded {
          report.cells.append(
            (cell.name, Self.compare(recorded, entry, figures: [:], folder: "").map(CellStatus.diverged) ?? .replayed))
        } else {
          report.cells.append((cell.name, ranStatus))
        }
        record.cells.append(entry)
        if !report.diverged,
          !writer.save(
            record, calls, RecordedTasks(domain.usedTasks ?? [:]), figures, keeping: (old, oldCalls, oldTasks),
            into: &report)
        {
          return report
        }
        continue
      }
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
      entry = NotebookRecord.CellRecord(name: cell.name, key: key, output: captured.output, value: value, figures: [])
      for (i, figure) in captured.figures.enumerated() {
        let file = "figures/\(Self.slug(cell.name))-\(i + 1).svg"
        entry.figures.append(file)
        figures[file] = SVGChart(figure: figure).render()
      }
      if let recorded {
        let divergence = Self.compare(recorded, entry, figures: figures, folder: NotebookRecord.folder(for: recordPath))
        report.cells.append((cell.name, divergence.map(CellStatus.diverged) ?? .replayed))
      } else {
        report.cells.append((cell.name, ranStatus))
      }
      record.cells.append(entry)
      calls.lines += made.map {
        RecordedCalls.Line(cell: cell.name, key: $0.key, request: $0.request, response: $0.response)
      }
      for name in analysis.binds { binders[name] = key }
      let used = RecordedTasks(domain.usedTasks ?? [:])
      if !report.diverged, !writer.save(record, calls, used, figures, keeping: (old, oldCalls, oldTasks), into: &report)
      {
        return report
      }
    }
    if options.only == nil, !report.diverged {
      _ = writer.save(record, calls, RecordedTasks(domain.usedTasks ?? [:]), figures, keeping: nil, into: &report)
    }
    return report
  }

  /// The rendered value of each of a prose cell's expressions (strings as they are, other
  /// values as `print` writes them), or the diagnostics of the first that failed.
  private func proseValues(_ programs: [Program], file: String) async -> Result<[String], ProseFailure> {
    var values: [String] = []
    for program in programs {
      switch await session.run(program, file: file) {
      case .failure(let diagnostics): return .failure(ProseFailure(diagnostics: diagnostics))
      case .value(let value): values.append(value?.rendered ?? "nil")
      }
    }
    return .success(values)
  }

  /// A prose expression that failed.
  struct ProseFailure: Error {
    var diagnostics: [Diagnostic]
  }

  /// `notebooks/paper-1.ftg` with variant `gpt-4o` -> `notebooks/paper-1.gpt-4o.ftg`, whose
  /// record folder is `notebooks/paper-1.gpt-4o.out`.
  public static func variantPath(_ path: String, _ variant: String) -> String {
    let base = path.hasSuffix(".ftg") ? String(path.dropLast(4)) : path
    return base + "." + variant + ".ftg"
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
