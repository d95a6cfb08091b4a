import Foundation

/// Writes a notebook's record as its run goes, after every cell, so that a kill or a failing
/// cell later on loses nothing that finished; it remembers what is on disk and skips writes
/// that would change nothing.
struct NotebookRecordWriter {
  let path: String
  private var onDisk: NotebookRecord?
  private var callsOnDisk: RecordedCalls

  /// A writer for the record of the notebook at `path`, which now holds `onDisk`.
  init(path: String, onDisk: NotebookRecord?, callsOnDisk: RecordedCalls) {
    self.path = path
    self.onDisk = onDisk
    self.callsOnDisk = callsOnDisk
  }

  /// Writes the cells run so far and their calls; with `keeping`, the previous record's
  /// entries of the cells not run yet stay, so they can still replay. The calls go first: a
  /// kill between the two files leaves extra recorded calls, never missing ones. False when
  /// writing failed, with the error in `report`.
  mutating func save(
    _ ran: NotebookRecord, _ ranCalls: RecordedCalls, _ figures: [String: String],
    keeping previous: (record: NotebookRecord?, calls: RecordedCalls)?,
    into report: inout NotebookRunner.Report
  ) -> Bool {
    var record = ran
    var calls = ranCalls
    if let previous, let old = previous.record {
      let names = Set(record.cells.map(\.name))
      record.cells += old.cells.filter { !names.contains($0.name) }
      calls.lines += previous.calls.lines.filter { !names.contains($0.cell) }
    }
    let folder = NotebookRecord.folder(for: path)
    let figuresMissing = figures.keys.contains { !FileManager.default.fileExists(atPath: folder + "/" + $0) }
    guard record != onDisk || calls != callsOnDisk || figuresMissing else { return true }
    do {
      try calls.save(for: path)
      try record.save(for: path, figures: figures)
    } catch {
      report.errors = [Diagnostic("cannot write the notebook record: \(error.localizedDescription)", at: .start(of: path))]
      return false
    }
    onDisk = record
    callsOnDisk = calls
    report.recordPath = folder
    return true
  }
}
