import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// `provenance(run)` tells, for each round's merged prompt, which client wrote each sentence
/// and which sentence the merge itself added.
@Suite struct ProvenanceTests {
  @Test func theMergesOwnSentenceHasNoClient() async throws {
    let llm = try await SimulatedLLM()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let t = task("object_counting", train: 4, val: 4, test: 2)
      let run = federate(clients(split(t, 2), engine: e), rounds: 2, steps: 1, batch: 1, aggregate: uid, accept: "always", checkpoint: false)
      let origins = provenance(run)
      print(origins.filter { o in o.round == 1 && o.client == nil }.map { o in o.sentence })
      print(origins.filter { o in o.round == 2 }.all { o in o.client != nil && o.score == 1 })
      print(origins.filter { o in o.client != nil }.all { o in o.source != nil })
      provenance(run, threshold: 2)
      """)
    // The simulated server's merge adds one sentence of its own in round 1; round 2's clients
    // started from that merge, so it has a client source then.
    #expect(result.output == "[\"Count or compute every quantity explicitly before answering.\"]\ntrue\ntrue\n")
    #expect(result.errors.contains("a number from 0 to 1"))
  }

  @Test func showPrintsEachMergedSentenceWithItsSource() async throws {
    let llm = try await SimulatedLLM()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let t = task("object_counting", train: 4, val: 4, test: 2)
      let run = federate(clients(split(t, 2), engine: e), rounds: 1, steps: 1, batch: 1, aggregate: uid, accept: "always", checkpoint: false)
      show(run)
      """)
    #expect(result.errors == "")
    let lines = result.output.split(separator: "\n")
    #expect(lines.contains("round 1, merged prompt by source:"))
    #expect(lines.contains("  merge    │ Count or compute every quantity explicitly before answering."))
    let sources = lines.compactMap { ProvenanceLine.source(of: $0) }
    #expect(sources.contains(.merge) && sources.contains { $0 != .merge })
  }

  @Test func onlyProvenanceLinesHaveASource() {
    #expect(ProvenanceLine.source(of: "  client 12 │ Count.") == .client(12))
    #expect(ProvenanceLine.source(of: "  merge    │ Be careful.") == .merge)
    #expect(ProvenanceLine.text("Count.", from: .client(3)) == "  client 3 │ Count.")
    for other in ["client 1 │ x", "  client x │ x", "  server   │ x", "  client -1 │ x", "  client 1 | x"] {
      #expect(ProvenanceLine.source(of: Substring(other)) == nil, "\(other)")
    }
  }

  @Test func htmlExportColoursMergedSentencesBySource() {
    let output = "round 1, merged prompt by source:\n  client 7 │ Count <all>.\n  merge    │ Be careful.\n"
    let record = NotebookRecord(
      notebook: "x.ftg", cells: [.init(name: "a", key: "k", output: output, value: "", figures: [])])
    let html = NotebookExporter(notebook: Notebook(path: "/tmp/x.ftg", text: "%% a\nshow(run)"), record: record).html()
    #expect(html.contains("<span class=\"from-client-1\">  client 7 │ Count &lt;all&gt;.</span>"))
    #expect(html.contains("<span class=\"from-merge\">  merge    │ Be careful.</span>"))
    #expect(html.contains("round 1, merged prompt by source:\n<span"))
  }
}
