/// What the interpreter needs from whoever runs it: somewhere to write output and show progress.
///
/// FTGLang owns no I/O. The shell, the notebook runner and the tests each provide a host.
public protocol Host: AnyObject, Sendable {
  /// Writes program output (what `print` produces), exactly as given.
  func write(_ text: String)
  /// Shows a transient progress line (a round's client, step and accuracy); may be ignored.
  func progress(_ text: String)
}
