/// The models ftg can run itself.
///
/// They are the 0.5B default (`engine("local")`) and the 1.5B model (`engine("local-1.5b")`),
/// installed on request with `scripts/install-local-model.sh --model 1.5b`. Both are
/// Qwen2.5-Coder Instruct models in GGUF form.
public enum LocalModel: String, Sendable, Hashable, CaseIterable {
  /// Qwen2.5-Coder-0.5B-Instruct, Q4_K_M, 480 MB: the default.
  case small = "local"
  /// Qwen2.5-Coder-1.5B-Instruct, 1.1 GB: about twice as slow, still weak as an optimizer.
  case medium = "local-1.5b"

  /// The model's file name under `$FTG_HOME/models/`.
  public var fileName: String {
    switch self {
    case .small: return "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
    case .medium: return "qwen2.5-coder-1.5b-instruct.gguf"
    }
  }

  /// The environment variable that points at another copy of the model.
  public var pathVariable: String {
    switch self {
    case .small: return "FTG_LOCAL_MODEL"
    case .medium: return "FTG_LOCAL_MODEL_1_5B"
    }
  }

  /// The command that installs the model (and the server, if it is missing).
  public var installCommand: String {
    switch self {
    case .small: return LocalModelError.installCommand
    case .medium: return LocalModelError.installCommand + " --model 1.5b"
    }
  }

  /// The model called `name` (`local`, `local-1.5b`), or nil.
  public init?(engineName name: String) {
    guard let model = Self.allCases.first(where: { $0.rawValue == name }) else { return nil }
    self = model
  }
}
