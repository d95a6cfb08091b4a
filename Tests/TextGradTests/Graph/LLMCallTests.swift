import Testing

@testable import TextGrad

@Suite struct LLMCallTests {
  @Test func forwardSendsSystemPromptAndInputAndLinksThem() async throws {
    let engine = routedEngine()
    let system = Variable("Answer in one word.", role: "system prompt")
    let question = Variable("Capital of France?", role: "question", requiresGrad: false)
    let response = try await LLMCall(engine: engine, systemPrompt: system)
      .forward(question, responseRole: "answer")
    #expect(
      engine.requests.map(\.messages) == [
        [.system("Answer in one word."), .user("Capital of France?")]
      ])
    #expect(engine.requests.first?.temperature == 0)
    #expect(response.value == "ANSWER(Capital of France?)")
    #expect(response.roleDescription == "answer")
    #expect(
      response.predecessors.map { ObjectIdentifier($0) }
        == [system, question].map {
          ObjectIdentifier($0)
        })
  }

  @Test func lossTakesBaseFormAndUpstreamTakesChainForm() async throws {
    let engine = routedEngine(feedback: "mention the unit")
    let system = Variable("Answer tersely.", role: "system prompt")
    let question = Variable("How far is the moon?", role: "question", requiresGrad: false)
    let answer = try await LLMCall(engine: engine, systemPrompt: system)
      .forward(question, responseRole: "answer")
    let loss = try await TextLoss(instruction: "Is the answer correct?", engine: engine)
      .forward(answer)
    try await loss.backward(engine: engine)

    let answerRequest = try #require(answer.gradients.first?.context?.request)
    #expect(answerRequest.contains("A language model evaluated it as follows"))
    #expect(!answerRequest.contains("following feedback on LM_OUTPUT"))
    #expect(answerRequest.contains("<LM_SYSTEM_PROMPT> Is the answer correct? </LM_SYSTEM_PROMPT>"))

    let systemGradient = try #require(system.gradients.first)
    let systemRequest = try #require(systemGradient.context?.request)
    #expect(
      systemRequest.contains("following feedback on LM_OUTPUT is addressed: mention the unit"))
    #expect(systemRequest.contains("<LM_INPUT> How far is the moon? </LM_INPUT>"))
    #expect(systemRequest.contains("<VARIABLE> Answer tersely. </VARIABLE>"))
    #expect(systemGradient.text == "mention the unit")
    #expect(systemGradient.context?.responseRole == "answer")
    #expect(question.gradients.isEmpty)
    let feedbackRequests = requests(of: engine, system: PromptTemplates.ftg[.backwardSystem])
    #expect(feedbackRequests.count == 2)
  }

  @Test func formattedCallFillsFieldsOnceAndLinksThemInFieldOrder() async throws {
    let engine = routedEngine()
    let call = FormattedLLMCall(
      call: LLMCall(engine: engine), template: "Q: {question}\nA: {answer} {unknown}",
      fields: ["question", "answer"])
    let question = Variable("what is {answer}?", role: "question")
    let answer = Variable("42", role: "answer")
    let response = try await call.forward(["answer": answer, "question": question])
    #expect(engine.requests.first?.messages == [.user("Q: what is {answer}?\nA: 42 {unknown}")])
    #expect(response.predecessors.map(\.roleDescription) == ["question", "answer"])
  }

  @Test func formattedCallRejectsMissingOrExtraFields() async {
    let call = FormattedLLMCall(
      call: LLMCall(engine: routedEngine()), template: "{a} {b}", fields: ["a", "b"])
    let value = Variable("x", role: "x")
    await #expect(throws: GraphError.self) { try await call.forward(["a": value]) }
    await #expect(throws: GraphError.self) {
      try await call.forward(["a": value, "b": value, "c": value])
    }
  }
}
