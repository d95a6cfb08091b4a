import FTGLang

/// The part of FTGLang's `Session` the shell drives, as a protocol so the REPL loop can be
/// tested with a scripted session (continuation, interruption, timing) as well as the real one.
protocol LanguageSession: AnyObject, Sendable {
  /// Evaluates one entry or file; `file` names it in diagnostics.
  func evaluate(_ text: String, file: String) async -> Session.Outcome
  /// Reads and evaluates a file, keeping its bindings.
  func load(path: String) async -> Session.Outcome
  /// True when `text` needs more lines before it can run.
  func isIncomplete(_ text: String) -> Bool
  /// Completion candidates for the word before `cursor`.
  func completions(line: String, cursor: Int) -> Session.Completion
  /// Help for a name, or nil when the name is unknown.
  func help(_ name: String) -> String?
  /// The user's global bindings with rendered values.
  var bindings: [(name: String, value: String)] { get }
  /// Forgets every user binding.
  func reset()
  /// Renders a diagnostic for people.
  func render(_ diagnostic: Diagnostic, color: Bool) -> String
  /// LLM calls, tokens and cache hits so far.
  var llmUsage: LLMUsage { get }
  /// Each engine's calls, tokens, hits, retries and failures as a table; nil before any call.
  var costTable: String? { get }
  /// Starts an entry, whose calls `explanation` then lists.
  func beginEntry()
  /// The last entry's calls, one numbered line each.
  var explanation: String { get }
  /// Turns stepping through LLM calls on (with what shows them) or off.
  func step(with stepper: (any CallStepper)?)
}

extension LanguageSession {
  /// Sessions that call no LLM report none.
  var llmUsage: LLMUsage { LLMUsage() }
  /// Sessions that call no LLM have no costs.
  var costTable: String? { nil }
  /// Sessions that call no LLM have nothing to explain.
  func beginEntry() {}
  var explanation: String { "the last entry made no LLM call" }
  func step(with stepper: (any CallStepper)?) {}
}

extension Session: LanguageSession {}
