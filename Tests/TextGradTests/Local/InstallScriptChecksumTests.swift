import FTGTestSupport
import Foundation
import Testing

/// Runs `scripts/install-local-model.sh --check` on small fake models.
@Suite("install-local-model.sh checksum check")
struct InstallScriptChecksumTests {
  private static let script = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scripts/install-local-model.sh").path

  private func check(_ file: String, expecting hash: String) async throws -> (Int32, String) {
    var environment = ProcessInfo.processInfo.environment
    environment["FTG_MODEL_SHA256"] = hash
    let run = try await ChildProcess.run(
      "/bin/bash", [Self.script, "--check", file], environment: environment)
    return (run.exit.status, run.output + run.errors)
  }

  /// SHA-256 of the fake models' contents (`printf 'GGUF original' | sha256sum`).
  private static let originalHash =
    "7c4bd722421b6c069a521c4e7f78e01c51dda4c703fe1e06f2731399068cff28"
  private static let corruptedHash =
    "7b10108b5f8e955b90f1bad644860224279038c688e25b3f05a24b03a2393bc1"

  @Test("a corrupted model is rejected, naming the file and both checksums")
  func rejectsCorruptedFile() async throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("GGUF corrupted", to: "model.gguf").path
    let (status, output) = try await check(file, expecting: Self.originalHash)
    #expect(status != 0)
    #expect(output.contains("checksum mismatch for \(file)"))
    #expect(output.contains("expected sha256 \(Self.originalHash), got \(Self.corruptedHash)"))
  }

  @Test("a model with the expected checksum passes")
  func acceptsIntactFile() async throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("GGUF original", to: "model.gguf").path
    let (status, output) = try await check(file, expecting: Self.originalHash)
    #expect(status == 0, "\(output)")
  }

  @Test("a missing model file is an error naming it")
  func missingFile() async throws {
    let folder = try TemporaryFolder()
    let (status, output) = try await check(folder.path + "/none.gguf", expecting: Self.originalHash)
    #expect(status != 0)
    #expect(output.contains("no model file at \(folder.path)/none.gguf"))
  }
}
