import FTGTestSupport
import Foundation
import Testing
import TextGrad

@testable import FTGLang

/// The protocol as the language exposes it (docs/protocol.md): defaults, options, templates,
/// zero-shot baselines and truncation, against the simulated LLM on loopback.
@Suite struct ProtocolOptionsTests {
  private func run(_ source: String) async -> (output: String, errors: [String]) {
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [])
    if case .failure(let d) = await session.evaluate(source, file: "protocol.ftg") {
      return (host.output, d.map { session.render($0, color: false) })
    }
    return (host.output, [])
  }

  /// The request bodies the server logged, in arrival order.
  private func bodies(_ log: URL) throws -> [[String: Any]] {
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
  }

  private func logFile() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("ftg-log-\(UUID().uuidString).jsonl")
  }

  @Test func runsFollowTheOriginalsDefaultsAndSendItsSamplingOptions() async throws {
    let log = logFile()
    let llm = try await SimulatedLLM(options: ["--log", log.path])
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)")
      let t = task("object_counting", train: 12, val: 6, test: 6)
      let run = federate(clients(split(t, 2), engine: e), checkpoint: false)
      print(run.rounds.count, run.rounds[0].clients[0].steps.count, run.settings.accept)
      print(run.zero_shot.val >= 0, run.zero_shot.test_by_task)
      let h = hetero([t, task("gsm8k", train: 6, val: 3, test: 3)], engine: e, steps: 1, checkpoint: false)
      print(h.rounds.count, h.zero_shot.prompts.count)
      """)
    #expect(result.errors == [])
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "3 4 improve")
    #expect(lines.dropFirst().first?.hasPrefix("true {object_counting: ") == true)
    #expect(lines.last == "3 2")
    let sent = try bodies(log)
    #expect(!sent.isEmpty)
    #expect(sent.allSatisfy { $0["max_tokens"] as? Int == 2000 && $0["top_p"] as? Double == 0.99 })
  }

  @Test func thePenaltyWindowIsSentAsGivenAndTheEmbeddedModelCountsOverFiveHundredTwelve() async throws {
    let log = logFile()
    let llm = try await SimulatedLLM(options: ["--log", log.path])
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", frequency_penalty: 0.5, penalty_window: 512)
      print(llm(prompt("Be brief."), "How many?", engine: e))
      engine("simulated", base: "\(llm.base)", penalty_window: -2)
      """)
    #expect(result.errors.count == 1)
    #expect(result.errors.first?.contains("penalty_window") == true)
    let sent = try bodies(log)
    #expect(sent.count == 1)
    #expect(sent.first?["repeat_last_n"] as? Int == 512 && sent.first?["frequency_penalty"] as? Double == 0.5)
    let local = EngineOptions().forLocalModel
    #expect(local.penaltyWindow == 512 && local.frequencyPenalty == 0.5)
    #expect(EngineOptions().penaltyWindow == nil)
  }

  @Test func tasksAreJudgedAsTheOriginalJudgesThem() async throws {
    let result = await run(
      """
      print(task("multistep_arithmetic_two").eval, task("word_sorting").eval, task("object_counting").eval, task("gsm8k").eval)
      print(task("multistep_arithmetic_two", eval: "exact").eval)
      task("word_sorting", eval: "llm")
      """)
    #expect(result.output == "judge judge exact exact\nexact\n")
    #expect(result.errors.first?.contains("unknown eval 'llm'") == true)
    #expect(result.errors.first?.hasPrefix("protocol.ftg:3:22: error:") == true)
  }

  @Test func acceptRulesAndProtocolsAreNamedOptionsWithSuggestions() async throws {
    let llm = try await SimulatedLLM()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)")
      let t = task("object_counting", train: 6, val: 3, test: 3)
      let a = federate(clients(split(t, 2), engine: e), rounds: 1, steps: 1, accept: "no_worse", checkpoint: false)
      let b = federate(clients(split(t, 2), engine: e), rounds: 1, steps: 1, proximal: false, checkpoint: false)
      let c = centralized(t, epochs: 1, steps: 2, engine: e, protocol: "textgrad", checkpoint: false)
      print(a.settings.accept, b.settings.accept, c.rounds.count)
      federate(clients(split(t, 2), engine: e), accept: "improv")
      """)
    #expect(result.output == "no_worse no_worse 2\n")
    #expect(result.errors.first?.contains("unknown accept 'improv'; did you mean 'improve'?") == true)
  }

  @Test func aReplyCutAtMaxTokensIsCountedAndSaidOnce() async throws {
    let llm = try await SimulatedLLM()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", max_tokens: 3)
      let t = task("object_counting", train: 6, val: 3, test: 3)
      let run = federate(clients(split(t, 2), engine: e), rounds: 1, steps: 1, checkpoint: false)
      print(run.truncated > 0, run.usage.by_role.evaluation.truncated > 0, table(run).columns.contains("truncated"))
      """)
    #expect(result.errors == [])
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("note: ") && lines[0].contains("stopped at max_tokens"))
    #expect(lines[0].contains("evaluation"))
    #expect(lines[1] == "true true true")
  }

  @Test func templatesAreValuesThatRunsAndBlocksCanReplace() async throws {
    let log = logFile()
    let llm = try await SimulatedLLM(options: ["--log", log.path])
    let result = await run(
      """
      print(templates)
      print(templates.aggregate.system == "You merge system prompts written for language models into one system prompt.")
      with_templates({judge: {system: "Judge."}}) { print(templates.judge.system, templates.changed) }
      print(templates.judge.system == "Judge.")
      let e = engine("simulated", base: "\(llm.base)")
      let t = task("object_counting", train: 6, val: 3, test: 3)
      let run = federate(clients(split(t, 2), engine: e), rounds: 1, steps: 1, aggregate: uid, checkpoint: false,
                         templates: {aggregate: {system: "Merge these prompts."}})
      with_templates({optimiser: {system: "x"}})
      """)
    #expect(result.output.hasPrefix("<templates: ftg's wording>\ntrue\nJudge. [\"judge.system\"]\nfalse\n"))
    #expect(result.errors.count == 1)
    #expect(
      result.errors.first?.contains("unknown template 'optimiser.system'; did you mean 'optimizer.system'?") == true)
    #expect(result.errors.first?.hasPrefix("protocol.ftg:9:16: error:") == true)
    let merges = try bodies(log).filter {
      (($0["messages"] as? [[String: Any]])?.first?["content"] as? String) == "Merge these prompts."
    }
    #expect(merges.count == 1)
  }

  @Test func aSecondEngineWritesFeedbackRewritesAndJudges() async throws {
    let answers = try await SimulatedLLM()
    let log = logFile()
    let critic = try await SimulatedLLM(options: ["--log", log.path])
    let result = await run(
      """
      let small = engine("answers", base: "\(answers.base)")
      let strong = engine("critic", base: "\(critic.base)")
      let t = task("multistep_arithmetic_two", train: 6, val: 3, test: 3)
      let run = federate(clients(split(t, 2), engine: small, backward_engine: strong), rounds: 1, steps: 1, checkpoint: false)
      print(run.rounds.count)
      """)
    #expect(result.errors == [])
    let sent = try bodies(log)
    let systems = sent.compactMap { (($0["messages"] as? [[String: Any]])?.first?["content"] as? String) }
    #expect(systems.contains(PromptTemplates.ftg[.judgeSystem]))
    #expect(systems.contains { $0.hasPrefix("You are the feedback engine") })
    #expect(systems.contains { $0.hasPrefix("You are the optimizer") })
    #expect(sent.allSatisfy { ($0["model"] as? String) == "critic" })
  }
}
