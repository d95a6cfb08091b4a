import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// FedTextGrad's heterogeneous configuration (object counting, multistep arithmetic, GSM8K; 1
/// round of 4 steps, batch 3, uid, validated and tested on the first task) sends the requests
/// the original sends, role by role.
///
/// The original's counts were measured by running `ubc-tea/FedTextGrad` (7ebebee, unchanged)
/// against `scripts/simulated_llm.py` with its cache off and `--do_not_run_larger_model`
/// (docs/protocol.md, "Request counts against the original"): 1,281 requests. ftg sends the
/// same requests but one test: when the best prompt is the last one, ftg tests it once, where
/// the original tests the last prompt twice (it never tests the best, a bug ftg fixes).
@Suite struct OriginalRequestCountTests {
  @Test func theHeterogeneousRunSendsTheOriginalsRequests() async throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-count-\(UUID().uuidString).jsonl")
    let llm = try await SimulatedLLM(options: ["--log", log.path])
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [])
    let outcome = await session.evaluate(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let run = hetero(["object_counting", "multistep_arithmetic_two", "gsm8k"], engine: e,
                       rounds: 1, steps: 4, batch: 3, aggregate: uid, select: "first", checkpoint: false)
      let roles = run.usage.by_role
      print(roles.evaluation.calls, roles.judge.calls, roles.forward.calls, roles.backward.calls, roles.optimizer.calls, roles.merge.calls)
      print(run.usage.calls, run.best_prompt == run.last_prompt)
      """, file: "count.ftg")
    if case .failure(let d) = outcome { Issue.record("\(d)") }
    // evaluation: zero-shot val and test of 3 tasks (600), the merged prompt's validation and
    // test on the first task (100 + 100). judge: multistep arithmetic's zero-shot (200) and
    // its 4 training steps (3 answers + 3 re-checked answers each: 24). forward: 4 steps x 6
    // per task. backward: 2 per answer (loss to response, response to prompt), 24 per task.
    // optimizer: one per step. merge: one.
    #expect(host.output == "800 224 72 72 12 1\n1181 true\n")
    let sent = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").count
    // The original sends these and 100 more: its "best" test re-sends the last test.
    #expect(sent == 1181)
  }

  @Test func theCentralizedRunSendsTheOriginalsRequests() async throws {
    let llm = try await SimulatedLLM()
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [])
    let outcome = await session.evaluate(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let run = centralized(task("object_counting"), epochs: 1, engine: e, checkpoint: false)
      let roles = run.usage.by_role
      print(roles.evaluation.calls, roles.forward.calls, roles.backward.calls, roles.optimizer.calls)
      print(run.usage.calls == (if run.best_prompt == run.last_prompt { 452 } else { 552 }))
      """, file: "count.ftg")
    if case .failure(let d) = outcome { Issue.record("\(d)") }
    // The original's 552 (cache off): zero-shot test and validation 200, 4 steps of 3 answers,
    // 6 feedback, 1 rewrite and 3 re-checks, validation 100, last and best tests 200.
    let evaluation = host.output.split(separator: " ").first.map(String.init)
    #expect(evaluation == "300" || evaluation == "400")
    #expect(host.output.hasSuffix(" 24 24 4\ntrue\n"))
  }
}
