import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// The TextGrad part of the domain API, one step at a time, against a real HTTP server on
/// loopback (the simulated LLM).
@Suite(.serialized) struct DomainTests {
  private func run(_ source: String) async -> (output: String, errors: [String]) {
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [])
    if case .failure(let d) = await session.evaluate(source, file: "domain.ftg") {
      return (host.output, d.map { session.render($0, color: false) })
    }
    return (host.output, [])
  }

  @Test func forwardLossBackwardStepAndAccuracy() async throws {
    let llm = try await SimulatedLLM()
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)")
      let t = task("object_counting")
      let p = prompt(t.prompt)
      let before = accuracy(p, t.val, engine: e)
      let r = llm(p, t.train[0].x, engine: e)
      print(r.value.contains("Answer:"))
      let l = t.loss(r, t.train[0])
      backward(l, engine: e)
      print(p.grads.count > 0, p.grads[0].text.count > 0)
      step(p, engine: e)
      print(p.history.count, p.history[0] == t.prompt, p.value != t.prompt)
      let after = accuracy(p, t.val, engine: e)
      print(after > before, e.calls > 100)
      """)
    #expect(result.errors == [])
    #expect(result.output == "true\ntrue true\n1 true true\ntrue true\n")
  }

  @Test func gsm8kTrainsOnMoreExamplesOnlyWhenAskedAndBigBenchHardRefuses() async {
    let result = await run(
      """
      let big = task("gsm8k", train: 2000)
      let usual = task("gsm8k")
      print(big.train.count, usual.train.count, big.train[49] == usual.train[49])
      print(split(big, 1000).sizes.count)
      task("object_counting", train: 60)
      """)
    #expect(result.output == "2000 50 true\n1000\n")
    #expect(
      result.errors.first?.contains(
        "domain.ftg:5:25: error: task object_counting has 50 training examples, not 60; gsm8k has up to 7373") == true,
      "\(result.errors)")
  }

  @Test func aDeadServerIsAnErrorNamingTheURL() async {
    let result = await run(
      """
      let e = engine("m", base: "http://127.0.0.1:9/v1")
      let p = prompt("be brief")
      llm(p, "hi", engine: e)
      """)
    #expect(result.errors.first?.contains("domain.ftg:3:1: error: llm:") == true)
    #expect(result.errors.first?.contains("127.0.0.1:9") == true)
  }

  @Test func aMissingKeyNamesTheVariable() async {
    let host = TestHost(environment: [:])
    let session = Session(host: host, moduleSearchPaths: [])
    guard case .failure(let d) = await session.evaluate("engine(\"gpt-4o\")") else {
      Issue.record("expected an error")
      return
    }
    #expect(d.first?.message.contains("OPENAI_API_KEY") == true)
  }

  @Test func anUnknownTaskSuggestsTheRightName() async {
    let result = await run("task(\"object_countin\")")
    #expect(result.errors.first?.contains("object_counting") == true)
  }
}
