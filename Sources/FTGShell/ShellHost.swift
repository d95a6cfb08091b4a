import FTGLang

/// A `SessionHost` that the shell can also give its own messages to: errors and notices go to
/// a separate stream from program output.
protocol ShellHost: SessionHost {
  /// Writes an error or notice (diagnostics, "interrupted"), exactly as given.
  func writeError(_ text: String)
}
