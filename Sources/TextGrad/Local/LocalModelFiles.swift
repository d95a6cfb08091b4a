import Foundation

/// Where the embedded `local` engine's server binary, model and logs are.
///
/// `scripts/install-local-model.sh` puts them in the same places: `$FTG_HOME` (default
/// `~/.local/share/ftg`) holds `bin/llama-server`, `models/<LocalModel.fileName>` and `logs/`, and
/// `install.lock`, which the script holds while it installs; `$FTG_LLAMA_SERVER` and
/// `$FTG_LOCAL_MODEL` point elsewhere.
public struct LocalModelFiles: Hashable, Sendable {
  /// The path of the `llama-server` binary.
  public var serverBinary: String
  /// The path of the GGUF model file.
  public var model: String
  /// The folder the server's log files go to (and the install script's, `install.log`).
  public var logDirectory: String
  /// The file the install script locks while it installs.
  public var installLockFile: String
  /// Which model the files are for (it names the install command in errors).
  public var kind: LocalModel = .small

  /// Files at explicit paths; the install lock defaults to `install.lock` beside the log folder.
  public init(serverBinary: String, model: String, logDirectory: String, installLockFile: String? = nil) {
    self.serverBinary = serverBinary
    self.model = model
    self.logDirectory = logDirectory
    self.installLockFile =
      installLockFile
      ?? URL(fileURLWithPath: logDirectory).deletingLastPathComponent().appendingPathComponent("install.lock").path
  }

  /// The files of `kind` that `environment` (injected, so tests are hermetic) points to, or
  /// the defaults under `$FTG_HOME`, itself defaulting to `~/.local/share/ftg` under `$HOME`.
  public init(environment: [String: String], kind: LocalModel = .small) {
    func value(_ variable: String) -> String? {
      guard let text = environment[variable], !text.isEmpty else { return nil }
      return text
    }
    let userHome = value("HOME") ?? FileManager.default.homeDirectoryForCurrentUser.path
    let home = value("FTG_HOME") ?? userHome + "/.local/share/ftg"
    self.init(
      serverBinary: value("FTG_LLAMA_SERVER") ?? home + "/bin/llama-server",
      model: value(kind.pathVariable) ?? home + "/models/" + kind.fileName,
      logDirectory: home + "/logs", installLockFile: home + "/install.lock")
    self.kind = kind
  }

  /// The install script's log, when it runs in the background.
  public var installLogFile: String { logDirectory + "/install.log" }

  /// Whether the files are all there: a server binary and a model file.
  var areInstalled: Bool { (try? checkInstalled()) != nil }

  /// The model's name as ftg reports it and caches it: the model file name without `.gguf`.
  public var modelName: String {
    let name = URL(fileURLWithPath: model).lastPathComponent
    return name.hasSuffix(".gguf") ? String(name.dropLast(5)) : name
  }

  /// Throws, naming the path and the install script, unless the binary is an executable
  /// file and the model a readable file.
  public func checkInstalled() throws(LocalModelError) {
    let files = FileManager.default
    var isFolder: ObjCBool = false
    guard files.fileExists(atPath: serverBinary, isDirectory: &isFolder), !isFolder.boolValue
    else { throw .missingServerBinary(path: serverBinary, kind: kind) }
    guard files.isExecutableFile(atPath: serverBinary) else {
      throw .serverBinaryNotExecutable(path: serverBinary)
    }
    guard files.fileExists(atPath: model, isDirectory: &isFolder), !isFolder.boolValue,
      files.isReadableFile(atPath: model)
    else { throw .missingModel(path: model, kind: kind) }
  }
}
