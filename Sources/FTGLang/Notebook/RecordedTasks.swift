import Foundation
import TextGrad

/// The task data of a notebook's record, `NAME.out/tasks.json`.
///
/// It holds the examples of every task the notebook used, split as ftg split them. A replay
/// reads them instead of the dataset files, so a notebook reproduces offline on a machine that
/// has never fetched a dataset.
struct RecordedTasks: Codable, Sendable, Equatable {
  /// One task's splits.
  struct Splits: Codable, Sendable, Equatable {
    var train: [Example]
    var val: [Example]
    var test: [Example]
  }

  static let formatVersion = 1
  var version = RecordedTasks.formatVersion
  var tasks: [String: Splits] = [:]

  init(_ definitions: [String: TaskDefinition] = [:]) {
    tasks = definitions.mapValues { Splits(train: $0.train, val: $0.val, test: $0.test) }
  }

  /// The tasks as definitions, with each task's own prompts and scoring; a name ftg does not
  /// know is an error naming the file.
  func definitions(path: String) throws -> [String: TaskDefinition] {
    var definitions: [String: TaskDefinition] = [:]
    for (name, splits) in tasks {
      guard let task = try? TaskName(parsing: name), task.rawValue == name else {
        throw RecordError(path: path, reason: "unknown task '\(name)'")
      }
      definitions[name] = TaskLoader.definition(task, train: splits.train, val: splits.val, test: splits.test)
    }
    return definitions
  }

  static func path(for notebookPath: String) -> String { NotebookRecord.folder(for: notebookPath) + "/tasks.json" }

  /// Reads the task data; none when the file does not exist.
  static func load(for notebookPath: String) throws -> RecordedTasks {
    try RecordFile.read(RecordedTasks.self, at: path(for: notebookPath), version: \.version, expected: formatVersion)
      ?? RecordedTasks()
  }

  func save(for notebookPath: String) throws {
    try RecordFile.write(self, to: Self.path(for: notebookPath))
  }
}
