import Foundation
import TextGrad

/// The state the domain builtins share within a session: the environment engines read their
/// URLs and keys from, engines and tasks already made, and each prompt's optimizer (so that
/// gradient memory carries from one `step` to the next).
///
/// Used by one evaluation at a time, like the interpreter that owns it.
final class DomainContext: @unchecked Sendable {
  let environment: [String: String]
  /// Every LLM call passes here (notebook record, offline runs, counts).
  let gate = CallGate()
  /// The limits `budget(...)` sets on the calls models answer.
  let budget = CallBudget()
  private(set) var engines: [String: EngineObject] = [:]
  private var cacheStore: SQLiteResponseStore?
  /// The embedded models' servers, each started on first use of its engine (`local`,
  /// `local-1.5b`), stopped with the session.
  private var localServers: [LocalModel: LocalModelServer] = [:]
  /// Shows a transient progress line (the host's).
  private let progress: @Sendable (String) -> Void
  /// The partition `client(shard: n, ...)` takes its shard from: the most recent `split`.
  var lastPartition: PartitionObject?
  private var tasks: [String: TaskObject] = [:]
  /// The wording of every request the session's experiments make (`with_templates`).
  var templates = PromptTemplates.ftg
  /// In a dry run, the engine every `engine(...)` becomes: it answers at once and counts.
  var dryRun: DryRunEngine?
  private var optimizers: [ObjectIdentifier: TextualGradientDescent] = [:]

  init(environment: [String: String], progress: @escaping @Sendable (String) -> Void) {
    self.environment = environment
    self.progress = progress
  }

  func engine(_ key: String, make: () throws -> EngineObject) rethrows -> EngineObject {
    if let existing = engines[key] { return existing }
    let made = try make()
    engines[key] = made
    return made
  }

  /// The user's persistent response cache (`$FTG_CACHE_DIR/cache.sqlite`), opened on first use.
  func cache() throws -> SQLiteResponseStore {
    if let cacheStore { return cacheStore }
    let store = try SQLiteResponseStore(path: SQLiteResponseStore.defaultPath(environment: environment))
    cacheStore = store
    return store
  }

  /// Task splits a notebook's record holds, used instead of the dataset files while it runs.
  var recordedTasks: [String: TaskDefinition] = [:]
  /// The tasks used since a notebook started, for its record; nil outside notebooks.
  var usedTasks: [String: TaskDefinition]?

  /// The task called `name`, its starting prompt in the session's `templates`: from the
  /// notebook's record when it has it, else from the dataset files (loaded once a session).
  func task(_ name: TaskName, trainCount: Int = 50) async throws -> TaskObject {
    let key = "\(name.rawValue)|\(templates.fingerprint)"
    let task: TaskObject
    if let loaded = tasks[key], loaded.definition.train.count >= trainCount {
      task = loaded
    } else {
      // One definition per task, with the most training examples asked for so far (whose first
      // 50 are the usual ones); the record keeps that one.
      let splits: TaskDefinition
      if let recorded = recordedTasks[name.rawValue], recorded.train.count >= trainCount {
        splits = recorded
      } else {
        splits = try await TaskLoader(locator: .fromEnvironment(environment)).load(name, trainCount: trainCount)
      }
      task = TaskObject(
        TaskLoader.definition(
          name, train: splits.train, val: splits.val, test: splits.test, templates: templates))
      tasks[key] = task
    }
    usedTasks?[name.rawValue] = task.definition
    return task
  }

  /// The server of the embedded model `kind`, made on first use.
  func localServer(_ kind: LocalModel) -> LocalModelServer {
    if let server = localServers[kind] { return server }
    let server = LocalModelServer(
      files: LocalModelFiles(environment: environment, kind: kind), options: .init(environment: environment),
      progress: progress)
    localServers[kind] = server
    return server
  }

  /// The optimizer of `variable`, made on first use with these settings.
  func optimizer(
    for variable: Variable, engine: any LanguageModel, make: () -> TextualGradientDescent
  ) -> TextualGradientDescent {
    let id = ObjectIdentifier(variable)
    if let existing = optimizers[id], existing.engine as AnyObject === engine as AnyObject { return existing }
    let made = make()
    optimizers[id] = made
    return made
  }
}
