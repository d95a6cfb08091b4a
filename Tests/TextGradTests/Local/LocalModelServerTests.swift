import Foundation
import Testing

@testable import TextGrad

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Local model server start-up errors")
struct LocalModelServerTests {
  private func server(binaryScript: String?, timeout: Double = 30) throws
    -> (LocalModelServer, TemporaryFolder)
  {
    let folder = try TemporaryFolder()
    let model = try folder.write("GGUF", to: "model.gguf").path
    let binary = try binaryScript.map { try folder.write($0, to: "llama-server", executable: true).path }
    let files = LocalModelFiles(
      serverBinary: binary ?? folder.path + "/bin/llama-server", model: model,
      logDirectory: folder.path + "/logs")
    let options = LocalModelServer.Options(startupTimeout: timeout, stopGrace: 1)
    return (LocalModelServer(files: files, options: options), folder)
  }

  @Test("starting without a binary says to run the install script")
  func missingBinary() async throws {
    let (server, folder) = try server(binaryScript: nil)
    let error = try await #require(throws: LocalModelError.self) { try await server.start() }
    #expect(error.description.contains("no llama-server at \(folder.path)/bin/llama-server"))
    #expect(error.description.contains("run scripts/install-local-model.sh"))
  }

  @Test("a server that exits at once is reported with its status and log")
  func exitsBeforeReady() async throws {
    let script = "#!/bin/sh\necho \"cannot load model $2\" >&2\nexit 3\n"
    let (server, folder) = try server(binaryScript: script)
    let error = try await #require(throws: LocalModelError.self) { try await server.start() }
    #expect(error.description.contains("exited with status 3"))
    #expect(error.description.contains("log \(folder.path)/logs/llama-server-"))
    #expect(error.description.contains("cannot load model \(folder.path)/model.gguf"))
  }

  @Test("a server that crashes is reported with its signal")
  func crashesBeforeReady() async throws {
    let (server, folder) = try server(binaryScript: "#!/bin/sh\nkill -SEGV $$\n")
    let error = try await #require(throws: LocalModelError.self) { try await server.start() }
    #expect(error.description.contains("was killed by signal 11 before it was ready"))
    withExtendedLifetime(folder) {}
  }

  @Test("a server that never answers /health times out and is stopped")
  func notReadyInTime() async throws {
    let script = "#!/bin/sh\necho \"pid $$ started with $*\"\nexec sleep 60\n"
    let (server, folder) = try server(binaryScript: script, timeout: 1)
    let error = try await #require(throws: LocalModelError.self) { try await server.start() }
    #expect(error.description.contains("did not answer /health within 1 s"))
    #expect(error.description.contains("--host 127.0.0.1"))
    #expect(error.description.contains("--parallel 2 --no-cache-prompt --ctx-size 16384"))
    #expect(await server.processIdentifier == nil)
    let words = error.description.split(whereSeparator: \.isWhitespace)
    let pidIndex = try #require(words.firstIndex(of: "pid"))
    let pid = try #require(Int32(words[words.index(after: pidIndex)]))
    #expect(kill(pid, 0) == -1 && errno == ESRCH, "the fake server \(pid) is still running")
    withExtendedLifetime(folder) {}
  }
}
