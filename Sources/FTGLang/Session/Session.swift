/// The façade a front end (shell, `ftg run`, notebooks, tests) drives: one interpreter
/// with its global bindings, kept across evaluations.
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

  let host: any Host
  let moduleSearchPaths: [String]

  /// Creates a session whose `use` statements look in `moduleSearchPaths` (after the
  /// importing file's own folder), e.g. the installed `stdlib/`.
  public init(host: any Host, moduleSearchPaths: [String]) {
    self.host = host
    self.moduleSearchPaths = moduleSearchPaths
  }
}

// MARK: - The API front ends use (bodies are being written; signatures are the contract)

extension Session {
  /// Evaluates one shell entry or a whole file. `file` names it in diagnostics
  /// (`<repl>` for the shell). At the shell, a value result is also bound to `_`.
  public func evaluate(_ text: String, file: String = "<repl>") async -> Outcome {
    .value(nil)
  }

  /// Reads and evaluates a file (the shell's `:load`); its bindings stay in the session.
  public func load(path: String) async -> Outcome { .value(nil) }

  /// True when `text` is an unfinished entry (an open bracket, string or block): the
  /// shell should read another line with the continuation prompt.
  public func isIncomplete(_ text: String) -> Bool { false }

  /// Completion of the word before `cursor` in `line` (a character offset): bindings,
  /// builtins, keywords, members after a dot, engine and task names in strings.
  public func completions(line: String, cursor: Int) -> Completion {
    Completion(start: cursor, candidates: [])
  }

  /// The help text for a binding, builtin or keyword: summary, signature and an example.
  /// Nil when the name is unknown.
  public func help(_ name: String) -> String? { nil }

  /// Names and rendered values of the user's global bindings, in binding order.
  public var bindings: [(name: String, value: String)] { [] }

  /// Forgets every user binding; builtins stay.
  public func reset() {}

  /// Binds the script arguments (`ftg run FILE -- a b`) as the list `args`.
  public func setArguments(_ arguments: [String]) {}

  /// Renders a diagnostic as `file:line:col: error: message`, the source line and a caret
  /// span, with ANSI colour when `color` is true.
  public func render(_ diagnostic: Diagnostic, color: Bool) -> String { diagnostic.message }
}
