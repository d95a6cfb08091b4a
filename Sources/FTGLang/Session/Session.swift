/// The façade a front end (shell, `ftg run`, notebooks, tests) drives: one interpreter
/// with its global bindings, kept across evaluations.
///
/// A session runs one evaluation at a time; a front end must await each before the next.
public final class Session: @unchecked Sendable {
  /// The outcome of evaluating one entry or file.
  public enum Outcome: Sendable {
    /// Evaluation finished; the value of the last expression statement, if any.
    case value(Value?)
    /// Evaluation stopped with errors; bindings made before the error are kept.
    case failure([Diagnostic])
  }

  /// Completion candidates for the word that ends at the cursor.
  public struct Completion: Sendable, Equatable {
    /// Offset (in characters) in the line where the completed word starts.
    public var start: Int
    /// Full replacement words for the text between `start` and the cursor.
    public var candidates: [String]

    public init(start: Int, candidates: [String]) {
      self.start = start
      self.candidates = candidates
    }
  }

  let interpreter: Interpreter
  /// The name under which shell entries are evaluated; its results are bound to `_`.
  public static let replFile = "<repl>"

  /// Creates a session whose `use` statements look in `moduleSearchPaths`.
  ///
  /// They look there after the importing file's own folder; a search path is, for example, the
  /// installed `stdlib/`.
  public init(host: any SessionHost, moduleSearchPaths: [String]) {
    interpreter = Interpreter(host: host, moduleSearchPaths: moduleSearchPaths)
  }

  /// Limits every later evaluation to `steps` statements, iterations and calls (nil: no limit).
  ///
  /// Fuzzing and tests use it to bound programs that would loop forever.
  public func limitSteps(to steps: Int?) {
    interpreter.stepLimit = steps
  }

  /// Evaluates one shell entry or a whole file.
  ///
  /// `file` names it in diagnostics (`<repl>` for the shell). At the shell, a value result is also
  /// bound to `_`.
  public func evaluate(_ text: String, file: String = Session.replFile) async -> Outcome {
    interpreter.sources[file] = text
    let (program, diagnostics, _) = await Parser.parse(text, file: file)
    guard diagnostics.isEmpty else { return .failure(diagnostics) }
    let unknown = interpreter.check(
      program, known: interpreter.globals.visibleNames, checksFunctionBodies: file != Session.replFile
    ).errors
    guard unknown.isEmpty else { return .failure(unknown) }
    return await run(program, file: file)
  }

  /// Runs a checked program with the session's step budget.
  func run(_ program: Program, file: String) async -> Outcome {
    interpreter.remainingSteps = interpreter.stepLimit
    do {
      let value = try await interpreter.run(program)
      if file == Session.replFile, let value, value != .null {
        interpreter.globals.define("_", value, mutable: false)
      }
      return .value(value)
    } catch let diagnostic as Diagnostic {
      return .failure([diagnostic])
    } catch {
      let at =
        program.statements.first?.range
        ?? SourceRange(
          file: file, start: SourceLocation(offset: 0, line: 1, column: 1),
          end: SourceLocation(offset: 0, line: 1, column: 1))
      let message = error is CancellationError ? Messages.interrupted : "\(error)"
      return .failure([Diagnostic(message, at: at)])
    }
  }

  /// Reads and evaluates a file (the shell's `:load`); its bindings stay in the session.
  ///
  /// A notebook replays from its record, like `ftg run`; a replay divergence is reported as an error.
  public func load(path: String) async -> Outcome {
    if let text = try? interpreter.host.readFile(atPath: path), Notebook.hasCellMarkers(text) {
      let report = await NotebookRunner(session: self).run(path: path)
      interpreter.write(report.summary + "\n")
      guard report.errors.isEmpty else { return .failure(report.errors) }
      if report.diverged {
        return .failure([Diagnostic("the notebook's replay differs from its record (see above)", at: .start(of: path))])
      }
      return .value(nil)
    }
    let text: String
    do {
      text = try interpreter.host.readFile(atPath: path)
    } catch {
      let start = SourceLocation(offset: 0, line: 1, column: 1)
      let range = SourceRange(file: path, start: start, end: start)
      return .failure([Diagnostic(Messages.moduleUnreadable(path, error.localizedDescription), at: range)])
    }
    return await evaluate(text, file: path)
  }

  /// True when `text` is an unfinished entry (an open bracket, block or `"""` string): the
  /// shell should read another line with the continuation prompt.
  public func isIncomplete(_ text: String) -> Bool {
    Parser.parse(text, file: Session.replFile).incomplete
  }

  /// Names and rendered values of the user's global bindings, in binding order.
  public var bindings: [(name: String, value: String)] {
    interpreter.globals.order.filter { $0 != "_" }.compactMap { name in
      interpreter.globals.lookup(name).map { (name, $0.value.echoed) }
    }
  }

  /// Forgets every user binding and loaded module; builtins stay.
  public func reset() {
    interpreter.globals.removeAll()
    interpreter.modules = [:]
  }

  /// Binds the script arguments (`ftg run FILE -- a b`) as the list `args`.
  public func setArguments(_ arguments: [String]) {
    interpreter.globals.define("args", .list(arguments.map { .string($0) }), mutable: false)
  }

  /// Gives `param(name, ...)` calls these values instead of their defaults.
  public func setParameters(_ values: [String: String]) {
    interpreter.parameterOverrides = values
  }

  /// Makes this session run one share of every sweep (`shard_of`, `sweep`), and save its
  /// results under the share's name; nil runs whole sweeps.
  public func setSweepShard(_ shard: SweepShard?) {
    interpreter.sweepShard = shard
  }

  /// The parameters a script declares with literal names (`param("val", 30, doc: "...")`),
  /// found in its text without running it, so `--set` can be checked before anything runs.
  public static func declaredParameterNames(in text: String) -> [String] {
    var names: [String] = []
    var rest = text[...]
    while let call = rest.range(of: "param(\"") {
      let after = rest[call.upperBound...]
      guard let close = after.firstIndex(of: "\"") else { break }
      let name = String(after[..<close])
      if !names.contains(name) { names.append(name) }
      rest = after[close...]
    }
    return names
  }

  /// Renders a diagnostic as `file:line:col: error: message`, the source line and a caret
  /// span, with ANSI colour when `color` is true.
  public func render(_ diagnostic: Diagnostic, color: Bool) -> String {
    DiagnosticRenderer(color: color).render(diagnostic, source: interpreter.sources[diagnostic.range.file])
  }
}
