import FTGTestSupport
import Foundation
import Testing

/// A sweep split across processes with `ftg run --shard I/K` and joined with
/// `ftg merge-results` gives the table of the unsplit sweep.
@Suite(.enabled(if: FTGBinary.path != nil, "the ftg binary is not built"))
struct SweepShardTests {
  let ftg = FTGBinary.path ?? ""

  @Test func fourSharesMergedGiveTheWholeSweepsTable() async throws {
    let llm = try await SimulatedLLM()
    let folder = try FTGBinary.temporaryHome()
    let whole = folder.appendingPathComponent("whole").path
    let split = folder.appendingPathComponent("split").path
    let script = folder.appendingPathComponent("sweep.ftg")
    try """
    use "stdlib/sweep"
    let e = engine("simulated", base: "\(llm.base)", cache: false)
    let t = task("object_counting", val: 7)
    fn score(n) = accuracy(prompt(t.prompt), t.val[0..<n], engine: e, task: t)
    let rows = sweep("questions", [1, 2, 3, 4, 5, 6, 7], score)
    save_results(rows, "questions", dir: args[0])
    print(table(rows))
    """.write(to: script, atomically: true, encoding: .utf8)
    let environment = ["FTG_DATA_DIR": SimulatedLLM.sharedDataPath]
    let unsplit = try await ProcessRun.run(ftg, ["run", script.path, whole], environment: environment)
    #expect(unsplit.status == 0, "\(unsplit.errors)")
    let shares = try await withThrowingTaskGroup(of: ProcessRun.self) { group in
      for i in 1...4 {
        group.addTask {
          try await ProcessRun.run(ftg, ["run", script.path, "--shard", "\(i)/4", split], environment: environment)
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(shares.allSatisfy { $0.status == 0 }, "\(shares.map(\.errors))")
    // Share 1 of 4 ran the 1st and the 5th configuration only.
    let names = try FileManager.default.contentsOfDirectory(atPath: split).sorted()
    #expect(names == (1...4).map { "questions.shard-\($0)-of-4.json" })
    let merged = try await ProcessRun.run(ftg, ["merge-results", split])
    #expect(merged.status == 0, "\(merged.errors)")
    #expect(merged.output == "questions:\n" + unsplit.output)
    let wholeFile = try String(contentsOfFile: whole + "/questions.json", encoding: .utf8)
    #expect(try String(contentsOfFile: split + "/questions.json", encoding: .utf8) == wholeFile)

    try FileManager.default.removeItem(atPath: split + "/questions.shard-3-of-4.json")
    let incomplete = try await ProcessRun.run(ftg, ["merge-results", split])
    #expect(incomplete.status == 1)
    #expect(incomplete.errors.contains("'questions' lacks share(s) 3 of 4"))
    let notebook = folder.appendingPathComponent("cells.ftg")
    try "%% one\nprint(1)\n".write(to: notebook, atomically: true, encoding: .utf8)
    let refused = try await ProcessRun.run(ftg, ["run", notebook.path, "--shard", "1/2"])
    #expect(refused.status == 2 && refused.errors.contains("--shard splits the sweeps of plain scripts"))
  }
}
