import Testing

@testable import TextGrad

@Suite struct ScriptedEngineTests {
  @Test func echoAnswersTheLastUserMessageAndRecordsRequests() async throws {
    let engine = ScriptedEngine.echo()
    let answer = try await engine.complete([.system("rules"), .user("first"), .user("second")])
    #expect(answer.text == "second")
    #expect(engine.requests.count == 1)
    #expect(engine.requests.first?.messages.first == .system("rules"))
    #expect(engine.usage.calls == 1)
    #expect(engine.usage.promptTokens == 3)
  }

  @Test func scriptedAnswersComeInTurnThenRepeat() async throws {
    let engine = ScriptedEngine(answers: ["a", "b"])
    var texts: [String] = []
    for _ in 0..<3 { texts.append(try await engine.complete([.user("q")]).text) }
    #expect(texts == ["a", "b", "b"])
  }

  @Test func thrownErrorsReachTheCallerAndCountAsFailures() async {
    struct Boom: Error {}
    let engine = ScriptedEngine { _ in throw Boom() }
    await #expect(throws: Boom.self) { try await engine.complete([.user("q")]) }
    #expect(engine.usage.failures == 1)
    #expect(engine.usage.calls == 0)
  }
}

@Suite struct EngineUsageTests {
  @Test func costCountsModelTokensButNotCacheHits() {
    let meter = UsageMeter()
    meter.recordAnswer(ChatResponse(text: "a", promptTokens: 1_000, completionTokens: 200))
    meter.recordAnswer(
      ChatResponse(text: "a", promptTokens: 1_000, completionTokens: 200, cached: true))
    meter.recordRetry()
    let usage = meter.snapshot
    #expect(usage.calls == 2 && usage.cacheHits == 1 && usage.retries == 1)
    #expect(usage.promptTokens == 1_000 && usage.completionTokens == 200)
    let cost = ModelPrice(prompt: 2.5, completion: 10).cost(
      prompt: usage.promptTokens, completion: usage.completionTokens)
    #expect(abs(cost - 0.0045) < 1e-12)
  }
}
