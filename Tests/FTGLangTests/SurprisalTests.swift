import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// `surprisal(text, engine:)` scores a given text token by token on a server that follows a
/// grammar, and fails clearly, at the call, on one that does not.
@Suite struct SurprisalTests {
  @Test func scoresEachTokenAndSummarizesThem() async throws {
    let llm = try await SimulatedLLM()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let s = surprisal("Check each step twice.", engine: e)
      print(s.n, s.tokens.map { t in t.token }.join(""))
      print(s.tokens.all { t in t.surprisal >= 0.05 && t.surprisal <= 4.05 })
      print(abs(s.total - s.tokens.map { t in t.surprisal }.sum()) < 1e-9, abs(s.mean - s.total / s.n) < 1e-9)
      print(abs(s.perplexity - exp(s.mean)) < 1e-9, s.variance > 0, s.max >= s.mean)
      let c = complexity("Check each step twice.", engine: e)
      print(c.tokens, abs(c.surprisal_mean - s.mean) < 1e-9, c.words)
      print(complexity("Check each step twice.").keys)
      let guess = estimate() { surprisal("Check each step twice.", engine: e) }
      print(guess.calls, e.calls)
      """)
    #expect(result.errors == "")
    #expect(
      result.output
        == """
        4 Check each step twice.
        true
        true true
        true true true
        4 true 4
        ["words", "entropy", "compression"]
        1 2

        """)
  }

  @Test func aServerThatIgnoresTheGrammarFailsAtTheCall() async throws {
    let llm = try await SimulatedLLM(options: ["--ignore-grammar"])
    let result = await run(
      """
      let e = engine("gpt-like", base: "\(llm.base)", cache: false)
      surprisal("Check each step twice.", engine: e)
      """)
    #expect(result.errors.contains("test.ftg:2:"))
    #expect(result.errors.contains("ignored the grammar"))
    #expect(result.errors.contains("llama-server"))
    let empty = await run("surprisal(\"\", engine: engine(\"x\", base: \"\(llm.base)\"))")
    #expect(empty.errors.contains("the text is empty"))
  }

  @Test func vLLMScoresFromPromptLogProbabilitiesTheSameTokens() async throws {
    let llm = try await SimulatedLLM()
    var environment = TestHost.defaultEnvironment
    environment["VLLM_BASE_URL"] = llm.base
    let host = TestHost(environment: environment)
    let session = Session(host: host, moduleSearchPaths: [])
    // The simulated server gives a token the same made-up log-probability whichever way it is
    // asked, so both ways must agree token for token.
    let outcome = await session.evaluate(
      """
      let forced = surprisal("Check each step twice.", engine: engine("llama", base: "\(llm.base)", cache: false))
      let prompt = surprisal("Check each step twice.", engine: engine("vllm-simulated", cache: false))
      print(prompt.tokens.map { t in t.token }.join("|"))
      print(prompt.tokens == forced.tokens, prompt.variance == forced.variance)
      """, file: "vllm.ftg")
    if case .failure(let diagnostics) = outcome { Issue.record("\(diagnostics.map(\.message))") }
    #expect(host.output == "Check| each| step| twice.\ntrue true\n")
  }

  @Test func serversThatCannotScoreAreRefusedBeforeAnyCall() async throws {
    let result = await run(
      """
      surprisal("Check each step twice.", engine: engine("ollama-llama3.1"))
      """)
    #expect(result.errors.contains("engine 'ollama-llama3.1' is served by a server that reports no log-probabilities"))
    #expect(result.errors.contains("vLLM (vllm-MODEL)"))
  }
}
