/// A value of the ftg language.
public enum Value: Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case list([Value])

  /// The form `print` writes: strings bare, numbers as `3` or `0.75`.
  public var rendered: String { "" }
  /// The form the shell echoes: like `rendered`, but a string is quoted.
  public var echoed: String { "" }
}
