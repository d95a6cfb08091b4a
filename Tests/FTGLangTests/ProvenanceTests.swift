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
}
