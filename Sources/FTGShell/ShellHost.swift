import FTGLang

/// A `Host` that the shell can also give its own messages to: errors and notices go to
/// a separate stream from program output.
protocol ShellHost: Host {
  /// Writes an error or notice (diagnostics, "interrupted"), exactly as given.
  func writeError(_ text: String)
}
