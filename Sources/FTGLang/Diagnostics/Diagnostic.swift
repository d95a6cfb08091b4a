/// An error or warning with the source span it is about.
///
/// Text for people is made by `DiagnosticRenderer`; the message itself comes from
/// `Diagnostics+Messages.swift`.
public struct Diagnostic: Error, Sendable, Hashable {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable { case error, warning, note }

  public var severity: Severity
  public var message: String
  public var range: SourceRange
  /// Extra lines shown after the caret, for example the call stack of a runtime error.
  public var notes: [String]

  public init(_ message: String, at range: SourceRange, severity: Severity = .error, notes: [String] = []) {
    self.message = message
    self.range = range
    self.severity = severity
    self.notes = notes
  }
}
