import Foundation

/// Writes a notebook's record as its run goes, after every cell, so that a kill or a failing
/// cell later on loses nothing that finished; it remembers what is on disk and skips writes
/// that would change nothing.
struct NotebookRecordWriter {
  let path: String
  /// False in a dry run: nothing is written.
  let writes: Bool
  private var onDisk: NotebookRecord?
  private var callsOnDisk: RecordedCalls
  private var tasksOnDisk: RecordedTasks

  /// A writer for the record of the notebook at `path`, which now holds `onDisk`.
  init(
    path: String, onDisk: NotebookRecord?, callsOnDisk: RecordedCalls, tasksOnDisk: RecordedTasks, writes: Bool = true
  ) {
    self.path = path
    self.writes = writes
    self.onDisk = onDisk
    self.callsOnDisk = callsOnDisk
    self.tasksOnDisk = tasksOnDisk
  }

  /// Writes the cells run so far, their calls and the tasks they used.
  ///
  /// With `keeping`, the previous record's entries of the cells not run yet stay, so they can
  /// still replay. The calls and tasks go first: a kill between the files leaves extra recorded
  /// calls, never missing ones. False when writing failed, with the error in `report`.
  mutating func save(
    _ ran: NotebookRecord, _ ranCalls: RecordedCalls, _ usedTasks: RecordedTasks,
    _ figures: [String: String],
    keeping previous: (record: NotebookRecord?, calls: RecordedCalls, tasks: RecordedTasks)?,
    into report: inout NotebookRunner.Report
  ) -> Bool {
    guard writes else { return true }
    var record = ran
    var calls = ranCalls
    var tasks = usedTasks
    if let previous, let old = previous.record {
      let names = Set(record.cells.map(\.name))
      record.cells += old.cells.filter { !names.contains($0.name) }
      calls.lines += previous.calls.lines.filter { !names.contains($0.cell) }
      tasks.tasks.merge(previous.tasks.tasks) { used, _ in used }
    }
    let folder = NotebookRecord.folder(for: path)
    let figuresMissing = figures.keys.contains { !FileManager.default.fileExists(atPath: folder + "/" + $0) }
    guard record != onDisk || calls != callsOnDisk || tasks != tasksOnDisk || figuresMissing else { return true }
    do {
      try calls.save(for: path)
      try tasks.save(for: path)
      try record.save(for: path, figures: figures)
    } catch {
      report.errors = [
        Diagnostic("cannot write the notebook record: \(error.localizedDescription)", at: .start(of: path))
      ]
      return false
    }
    onDisk = record
    callsOnDisk = calls
    tasksOnDisk = tasks
    report.recordPath = folder
    return true
  }
}
