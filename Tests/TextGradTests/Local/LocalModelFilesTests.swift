import Foundation
import Testing

@testable import TextGrad

@Suite("Local model files")
struct LocalModelFilesTests {
  @Test("defaults live under FTG_HOME")
  func defaultsUnderHome() {
    let files = LocalModelFiles(environment: ["HOME": "/home/ada", "FTG_HOME": "/opt/ftg"])
    #expect(files.serverBinary == "/opt/ftg/bin/llama-server")
    #expect(files.model == "/opt/ftg/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf")
    #expect(files.logDirectory == "/opt/ftg/logs")
    #expect(files.installLockFile == "/opt/ftg/install.lock")
    #expect(files.installLogFile == "/opt/ftg/logs/install.log")
    #expect(files.modelName == "qwen2.5-coder-0.5b-instruct-q4_k_m")
  }

  @Test("FTG_HOME defaults to ~/.local/share/ftg")
  func homeDefault() {
    let files = LocalModelFiles(environment: ["HOME": "/home/ada", "FTG_HOME": ""])
    #expect(files.serverBinary == "/home/ada/.local/share/ftg/bin/llama-server")
  }

  @Test("FTG_LLAMA_SERVER and FTG_LOCAL_MODEL override the paths")
  func overrides() {
    let files = LocalModelFiles(environment: [
      "HOME": "/home/ada", "FTG_LLAMA_SERVER": "/usr/local/bin/llama-server",
      "FTG_LOCAL_MODEL": "/data/tiny.gguf",
    ])
    #expect(files.serverBinary == "/usr/local/bin/llama-server")
    #expect(files.model == "/data/tiny.gguf")
    #expect(files.modelName == "tiny")
  }

  @Test("a missing binary names its path and the install script")
  func missingBinary() throws {
    let folder = try TemporaryFolder()
    let model = try folder.write("GGUF", to: "model.gguf").path
    let files = LocalModelFiles(
      serverBinary: folder.path + "/bin/llama-server", model: model, logDirectory: folder.path)
    let error = try #require(throws: LocalModelError.self) { try files.checkInstalled() }
    #expect(error.description.contains(folder.path + "/bin/llama-server"))
    #expect(error.description.contains("scripts/install-local-model.sh"))
  }

  @Test("a binary without the execute bit is refused")
  func notExecutable() throws {
    let folder = try TemporaryFolder()
    let binary = try folder.write("#!/bin/sh\n", to: "llama-server").path
    let model = try folder.write("GGUF", to: "model.gguf").path
    let files = LocalModelFiles(serverBinary: binary, model: model, logDirectory: folder.path)
    let error = try #require(throws: LocalModelError.self) { try files.checkInstalled() }
    #expect(error.description.contains("\(binary) is not executable"))
  }

  @Test("a missing model names its path and the install script")
  func missingModel() throws {
    let folder = try TemporaryFolder()
    let binary = try folder.write("#!/bin/sh\n", to: "llama-server", executable: true).path
    let files = LocalModelFiles(
      serverBinary: binary, model: folder.path + "/none.gguf", logDirectory: folder.path)
    let error = try #require(throws: LocalModelError.self) { try files.checkInstalled() }
    #expect(error.description.contains("no file at \(folder.path)/none.gguf"))
    #expect(error.description.contains("scripts/install-local-model.sh"))
  }

  @Test("the 1.5B model has its own file, variable and install command")
  func mediumModel() throws {
    let folder = try TemporaryFolder()
    let files = LocalModelFiles(environment: ["HOME": folder.path], kind: .medium)
    #expect(files.model == folder.path + "/.local/share/ftg/models/qwen2.5-coder-1.5b-instruct.gguf")
    #expect(files.serverBinary == folder.path + "/.local/share/ftg/bin/llama-server")
    #expect(
      LocalModelFiles(environment: ["HOME": folder.path, "FTG_LOCAL_MODEL_1_5B": "/m.gguf"], kind: .medium).model
        == "/m.gguf")
    let error = try #require(throws: LocalModelError.self) { try files.checkInstalled() }
    #expect(error.description.contains("run scripts/install-local-model.sh --model 1.5b"))
    #expect(LocalModel(engineName: "local-1.5b") == .medium && LocalModel(engineName: "local-3b") == nil)
  }
}
