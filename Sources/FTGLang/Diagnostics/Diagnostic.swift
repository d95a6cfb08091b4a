/// An error or warning with the source span it is about.
///
/// Text for people is made by `DiagnosticRenderer`; the messages of the language itself come
/// from `Messages`.
public struct Diagnostic: Error, Sendable, Hashable {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable { case error, warning, note }

  /// What kind of failure a runtime error is, where a front end acts on it.
  public enum Kind: String, Sendable {
    /// Any other error.
    case general
    /// A `budget(...)` had no room for another call: the work stopped cleanly, and running
    /// the same code with a larger budget resumes it.
    case budgetReached
    /// An engine's server could not be reached (refused, lost or timed out), after retries:
    /// the same run, once the server is up, resumes where it stopped.
    case serverUnreachable
    /// An engine could not be made as the script names it (unknown name, missing key, bad
    /// URL): the script or the environment needs fixing.
    case engineMisconfigured
    /// The text stopped where more was expected (an open bracket or block, an unterminated
    /// multi-line string): the shell reads another line instead of reporting it.
    case incompleteInput
  }

  public var severity: Severity
  public var message: String
  public var range: SourceRange
  /// Extra lines shown after the caret, for example the call stack of a runtime error.
  public var notes: [String]
  /// What kind of failure it is.
  public var kind: Kind

  public init(
    _ message: String, at range: SourceRange, severity: Severity = .error, notes: [String] = [],
    kind: Kind = .general
  ) {
    self.message = message
    self.range = range
    self.severity = severity
    self.notes = notes
    self.kind = kind
  }
}
