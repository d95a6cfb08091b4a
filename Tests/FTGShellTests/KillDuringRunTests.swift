import FTGTestSupport
import Foundation
import Testing

/// `kill -9` of `ftg run` in the middle of a federated run and in the middle of a notebook:
/// afterwards the checkpoint, the response cache and the notebook record open cleanly, the run
/// resumes from its last finished round, and nothing that finished is lost.
@Suite(.serialized) struct KillDuringRunTests {
  private static let federated = """
    let e = engine("simulated", base: BASE)
    let t = task("object_counting", train: 12, val: 4, test: 4)
    let run = federate(clients(split(t, 3), engine: e), rounds: 4, steps: 1, batch: 2, aggregate: summarize)
    print(table(run))
    print(run.best_prompt)
    """

  private static let notebook = """
    %% setup
    let e = engine("simulated", base: BASE)
    let t = task("object_counting", val: 8)
    %% first
    let a = accuracy(prompt(t.prompt), t.val, engine: e)
    print("first", a)
    %% second
    let b = accuracy(prompt(t.prompt + " Count carefully."), t.val, engine: e)
    print("second", b)
    %% third
    let c = accuracy(prompt(t.prompt + " Count twice."), t.val, engine: e)
    print("third", c)
    """

  @Test func aKilledFederatedRunResumesFromItsLastFinishedRound() async throws {
    let killed = try Workspace()
    let llm = try await SimulatedLLM(latencyMilliseconds: 60, options: ["--stats", killed.stats])
    try killed.write("run.ftg", Self.federated.replacingOccurrences(of: "BASE", with: "\"\(llm.base)\""))
    let child = try killed.start(["run", "run.ftg"])
    // Killed from the watching thread the moment round 2 is saved: the run goes on meanwhile.
    let finished = try await killed.waitFor(
      seconds: 90, { try killed.checkpointedRounds() >= 2 }, then: { child.send(SIGKILL) })
    child.send(SIGKILL)
    #expect(await child.exit().signalled)
    let roundsBeforeKill = try killed.checkpointedRounds()
    #expect(finished && roundsBeforeKill >= 2 && roundsBeforeKill < 4, "killed after \(roundsBeforeKill) rounds")

    let restarted = try await killed.restart(llm, latencyMilliseconds: 60)
    let resumed = try await killed.runToEnd(["run", "run.ftg"])
    #expect(resumed.status == 0, "\(resumed.errors)")
    let resumedRequests = try killed.requests()
    await restarted.stop()
    let starts = try killed.logEvents().filter { $0["kind"] as? String == "runStarted" }
    #expect(starts.last?["round"] as? Int == roundsBeforeKill, "the second run starts after the checkpointed rounds")

    let clean = try Workspace()
    let fresh = try await SimulatedLLM(latencyMilliseconds: 0, options: ["--stats", clean.stats])
    try clean.write("run.ftg", Self.federated.replacingOccurrences(of: "BASE", with: "\"\(fresh.base)\""))
    let reference = try await clean.runToEnd(["run", "run.ftg"])
    #expect(reference.status == 0, "\(reference.errors)")
    #expect(resumed.output == reference.output)
    #expect(resumedRequests < (try clean.requests()), "finished rounds were not run again")
  }

  @Test func aKilledNotebookKeepsItsFinishedCellsAndReplaysThem() async throws {
    let folder = try Workspace()
    let llm = try await SimulatedLLM(latencyMilliseconds: 150, options: ["--stats", folder.stats])
    try folder.write("nb.ftg", Self.notebook.replacingOccurrences(of: "BASE", with: "\"\(llm.base)\""))
    let child = try folder.start(["run", "nb.ftg"])
    let recorded = try await folder.waitFor(
      seconds: 60, { try folder.recordedCells().contains("first") }, then: { child.send(SIGKILL) })
    child.send(SIGKILL)
    _ = await child.exit()
    #expect(recorded)
    let cellsAfterKill = try folder.recordedCells()
    #expect(cellsAfterKill.contains("first") && !cellsAfterKill.contains("third"), "\(cellsAfterKill)")

    let restarted = try await folder.restart(llm, latencyMilliseconds: 150)
    let again = try await folder.runToEnd(["run", "nb.ftg"])
    #expect(again.status == 0, "\(again.errors)")
    #expect(again.output.contains("first") && again.output.contains("third"))
    #expect(again.errors.contains("2 cell(s) replayed, 2 ran live"), "the finished cells replay: \(again.errors)")
    #expect(try folder.requests() <= 16, "only the unfinished cells asked the server")
    await restarted.stop()
    let offline = try await folder.runToEnd(["run", "nb.ftg", "--offline"])
    #expect(offline.status == 0, "\(offline.errors)")
    #expect(offline.errors.contains("4 cell(s) replayed, 0 ran live"), "\(offline.errors)")
  }
}
