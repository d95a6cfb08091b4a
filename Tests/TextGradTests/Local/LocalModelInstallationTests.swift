import Foundation
import Testing

@testable import TextGrad

#if canImport(Glibc)
  import Glibc
#endif

/// A first start of the local engine while `scripts/install-local-model.sh` still runs waits
/// for it, showing what it waits for; the test holds the script's lock itself.
@Suite("Local model installation still running")
struct LocalModelInstallationTests {
  /// The files of an installation in `folder` whose server binary is not there yet.
  private func files(in folder: TemporaryFolder) throws -> LocalModelFiles {
    let model = try folder.write("GGUF", to: "models/model.gguf").path
    return LocalModelFiles(
      serverBinary: folder.path + "/bin/llama-server", model: model, logDirectory: folder.path + "/logs")
  }

  /// Locks `path` as the install script does (an exclusive `flock`); closing the descriptor
  /// ends the "installation".
  private func holdInstallLock(_ path: String) throws -> Int32 {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
    try #require(descriptor >= 0, "cannot open \(path)")
    try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0, "cannot lock \(path)")
    return descriptor
  }

  /// Starts `server` and returns the start's task once it has reported its first progress line.
  private func startWaiting(_ files: LocalModelFiles) async -> (Task<EngineEndpoint, any Error>, String) {
    let (lines, continuation) = AsyncStream.makeStream(of: String.self)
    let options = LocalModelServer.Options(startupTimeout: 30, stopGrace: 1, installPoll: 0.05)
    let server = LocalModelServer(files: files, options: options) { continuation.yield($0) }
    let start = Task { try await server.start() }
    var iterator = lines.makeAsyncIterator()
    let first = await iterator.next() ?? ""
    return (start, first)
  }

  @Test("the start waits, says what for, then launches what was installed")
  func waitsThenLaunches() async throws {
    let folder = try TemporaryFolder()
    let files = try files(in: folder)
    let lock = try holdInstallLock(files.installLockFile)
    #expect(LocalModelInstallation(files: files).isRunning)
    let (start, progress) = await startWaiting(files)
    #expect(progress.hasPrefix("local: installing llama-server and a 480 MB model"))
    #expect(progress.contains("(usually ~\(LocalModelInstallation.usualMinutes) min): 0:0"))
    // One character to spare in 80 columns, for a wait of ten minutes or more.
    #expect(progress.count <= 79, "longer than a terminal line: \(progress)")
    // The "installation" puts a server in place (one that fails at once) and ends.
    try folder.write("#!/bin/sh\necho \"installed server ran\" >&2\nexit 3\n", to: "bin/llama-server", executable: true)
    close(lock)
    let error = try await #require(throws: LocalModelError.self) { try await start.value }
    #expect(error.description.contains("exited with status 3"))
    #expect(error.description.contains("installed server ran"))
    #expect(!LocalModelInstallation(files: files).isRunning)
  }

  @Test("an installation that ends without the server is an error quoting its log")
  func installationThatFails() async throws {
    let folder = try TemporaryFolder()
    let files = try files(in: folder)
    let lock = try holdInstallLock(files.installLockFile)
    let (start, _) = await startWaiting(files)
    try folder.write("install-local-model: error: configuring llama.cpp failed\n", to: "logs/install.log")
    close(lock)
    let error = try await #require(throws: LocalModelError.self) { try await start.value }
    #expect(error.description.contains("installation ended without finishing (log \(folder.path)/logs/install.log)"))
    #expect(error.description.contains("no llama-server at \(folder.path)/bin/llama-server"))
    #expect(error.description.contains("configuring llama.cpp failed"))
  }

  @Test("with no installation running, a missing server is reported at once")
  func noInstallationRunning() async throws {
    let folder = try TemporaryFolder()
    let files = try files(in: folder)
    try folder.write("", to: "install.lock")
    #expect(!LocalModelInstallation(files: files).isRunning)
    let server = LocalModelServer(files: files) { line in Issue.record("unexpected progress: \(line)") }
    let error = try await #require(throws: LocalModelError.self) { try await server.start() }
    #expect(error.description.contains("no llama-server at"))
    #expect(error.description.contains("about \(LocalModelInstallation.usualMinutes) min on 2 cores"))
  }
}
