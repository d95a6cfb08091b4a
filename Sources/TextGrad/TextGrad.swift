/// Namespace for the TextGrad library's version and shared constants.
public enum TextGradLibrary {
  /// The library's version, shared by every ftg component.
  public static let version = "0.1.0"
}
