import TextGrad

/// Namespace for the federated-learning library built on TextGrad.
public enum FedLibrary {
  /// The library's version, the same as TextGrad's.
  public static let version = TextGradLibrary.version
}
