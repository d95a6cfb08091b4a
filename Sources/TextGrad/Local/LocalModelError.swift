/// Why the embedded `local` engine could not be started.
///
/// Descriptions name the binary, the model and the server's log file involved, and say how to
/// install what is missing.
public struct LocalModelError: Error, Hashable, Sendable, CustomStringConvertible {
  private enum Code: Hashable, Sendable {
    case missingServerBinary(path: String, kind: LocalModel)
    case serverBinaryNotExecutable(path: String)
    case missingModel(path: String, kind: LocalModel)
    case installationFailed(missing: String, log: String, tail: String)
    case noFreePort(detail: String)
    case cannotOpenLog(path: String, detail: String)
    case launchFailed(binary: String, detail: String)
    case exitedBeforeReady(binary: String, model: String, ending: String, log: String, tail: String)
    case notReadyInTime(binary: String, model: String, seconds: Double, log: String, tail: String)
  }

  private let code: Code

  private init(_ code: Code) { self.code = code }

  /// The script that installs the server binary and the model.
  public static let installCommand = "scripts/install-local-model.sh"
  /// What running the script costs the first time.
  static let installCost =
    "the first time it builds llama.cpp's server and downloads a 480 MB model, "
    + "about \(LocalModelInstallation.usualMinutes) min on 2 cores"

  /// What went wrong, naming the files involved.
  public var description: String {
    switch code {
    case .missingServerBinary(let path, let kind):
      return "the local engine's server is missing: no llama-server at \(path) "
        + "(run \(kind.installCommand): \(Self.installCost); or set FTG_LLAMA_SERVER to a llama-server binary)"
    case .serverBinaryNotExecutable(let path):
      return "the local engine's server \(path) is not executable "
        + "(run \(Self.installCommand), or set FTG_LLAMA_SERVER to a llama-server binary)"
    case .missingModel(let path, let kind):
      let cost = kind == .small ? Self.installCost : "it downloads a 1.1 GB model"
      return "the local engine's model is missing: no file at \(path) "
        + "(run \(kind.installCommand): \(cost); or set \(kind.pathVariable) to a GGUF file)"
    case .installationFailed(let missing, let log, let tail):
      return "the local engine's installation ended without finishing (log \(log)): \(missing)"
        + Self.excerpt(tail)
    case .noFreePort(let detail):
      return "cannot find a free port on 127.0.0.1 for the local engine: \(detail)"
    case .cannotOpenLog(let path, let detail):
      return "cannot write the local engine's log \(path): \(detail)"
    case .launchFailed(let binary, let detail):
      return "cannot launch the local engine's server \(binary): \(detail)"
    case .exitedBeforeReady(let binary, let model, let ending, let log, let tail):
      return "the local engine's server \(binary) \(ending) before it was ready "
        + "(model \(model); log \(log))" + Self.excerpt(tail)
    case .notReadyInTime(let binary, let model, let seconds, let log, let tail):
      return "the local engine's server \(binary) did not answer /health within "
        + "\(Int(seconds)) s (model \(model); log \(log))" + Self.excerpt(tail)
    }
  }

  private static func excerpt(_ tail: String) -> String {
    tail.isEmpty ? "" : "; last log lines:\n" + tail
  }

  /// Whether the server stopped because its port was taken before it could bind it.
  var isPortTaken: Bool {
    guard case .exitedBeforeReady(_, _, _, _, let tail) = code else { return false }
    return tail.contains("bind") || tail.contains("Address already in use")
  }

  // MARK: - Constructors

  static func missingServerBinary(path: String, kind: LocalModel = .small) -> Self {
    Self(.missingServerBinary(path: path, kind: kind))
  }
  static func serverBinaryNotExecutable(path: String) -> Self {
    Self(.serverBinaryNotExecutable(path: path))
  }
  static func missingModel(path: String, kind: LocalModel = .small) -> Self {
    Self(.missingModel(path: path, kind: kind))
  }
  static func installationFailed(missing: String, log: String, tail: String) -> Self {
    Self(.installationFailed(missing: missing, log: log, tail: tail))
  }
  static func noFreePort(detail: String) -> Self { Self(.noFreePort(detail: detail)) }
  static func cannotOpenLog(path: String, detail: String) -> Self {
    Self(.cannotOpenLog(path: path, detail: detail))
  }
  static func launchFailed(binary: String, detail: String) -> Self {
    Self(.launchFailed(binary: binary, detail: detail))
  }
  static func exitedBeforeReady(
    binary: String, model: String, ending: String, log: String, tail: String
  ) -> Self {
    Self(.exitedBeforeReady(binary: binary, model: model, ending: ending, log: log, tail: tail))
  }
  static func notReadyInTime(
    binary: String, model: String, seconds: Double, log: String, tail: String
  ) -> Self {
    Self(.notReadyInTime(binary: binary, model: model, seconds: seconds, log: log, tail: tail))
  }
}
