import FTGTestSupport
import Foundation
import Testing

/// A number edited by hand in a shipped notebook's record, in prose or in an output, makes
/// `ftg run --offline` exit 3 and name the cell, as CI runs it.
@Suite(.enabled(if: FTGBinary.path != nil, "the ftg binary is not built"))
struct ShippedRecordTamperTests {
  let ftg = FTGBinary.path ?? ""

  /// A copy of the quickstart and its record in a folder of its own, with `edit` applied to
  /// its `cells.json`.
  private func quickstart(editing edit: (String) -> String) throws -> String {
    let folder = try FTGBinary.temporaryHome().appendingPathComponent("nb")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let notebooks = SimulatedLLM.repositoryRoot.appendingPathComponent("notebooks")
    for item in ["quickstart.ftg", "quickstart.out"] {
      try FileManager.default.copyItem(
        at: notebooks.appendingPathComponent(item), to: folder.appendingPathComponent(item))
    }
    let cells = folder.appendingPathComponent("quickstart.out/cells.json")
    let text = try String(contentsOf: cells, encoding: .utf8)
    let edited = edit(text)
    #expect(edited != text, "the edit must change the record")
    try edited.write(to: cells, atomically: true, encoding: .utf8)
    return folder.appendingPathComponent("quickstart.ftg").path
  }

  private func replay(_ path: String) async throws -> ProcessRun {
    let nowhere = try FTGBinary.temporaryHome().path
    return try await ProcessRun.run(
      ftg, ["run", path, "--offline"], environment: ["FTG_DATA_DIR": nowhere, "FTG_CACHE_DIR": nowhere])
  }

  @Test func anUntouchedCopyReplays() async throws {
    let run = try await replay(try quickstart { $0 + " " })
    #expect(run.status == 0, "\(run.errors)")
  }

  @Test func anEditedNumberInProseIsADivergenceNamingTheCell() async throws {
    let path = try quickstart { text in
      text.replacingOccurrences(of: "On 12 questions the starting prompt", with: "On 13 questions the starting prompt")
    }
    let run = try await replay(path)
    #expect(run.status == 3, "\(run.errors)")
    #expect(run.errors.contains("replay divergence in cell 'md 2'"))
  }

  @Test func anEditedNumberInAnOutputIsADivergenceNamingTheCell() async throws {
    let path = try quickstart { text in
      text.replacingOccurrences(of: "start: 0.25 [0.09, 0.53]", with: "start: 0.35 [0.09, 0.53]")
    }
    let run = try await replay(path)
    #expect(run.status == 3, "\(run.errors)")
    #expect(run.errors.contains("replay divergence in cell 'accuracy'"))
  }
}
