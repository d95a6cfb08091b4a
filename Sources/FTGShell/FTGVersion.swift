/// The version `ftg --version` prints; it follows the libraries' version
/// (`TextGradLibrary.version`), which the shell does not import directly.
enum FTGVersion {
  static let current = "0.1.0"
}
