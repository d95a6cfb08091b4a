import Testing

@testable import TextGrad

@Suite struct VariableTests {
  @Test func updateKeepsOldValuesInHistory() {
    let prompt = Variable("first", role: "system prompt")
    prompt.update(to: "second")
    prompt.update(to: "third")
    #expect(prompt.value == "third")
    #expect(prompt.history == ["first", "second"])
  }

  @Test func gradientsKeepInsertionOrderAndZeroGradClearsThem() {
    let prompt = Variable("p", role: "system prompt")
    for text in ["c", "a", "b", "a"] { prompt.addGradient(Gradient(text: text)) }
    #expect(prompt.gradients.map(\.text) == ["c", "a", "b", "a"])
    #expect(prompt.gradientText == "c\n\na\n\nb\n\na")
    prompt.zeroGrad()
    #expect(prompt.gradients.isEmpty)
  }

  @Test func backwardOnAConstantThrowsNamingIt() async {
    let constant = Variable("fixed", role: "question", requiresGrad: false)
    await #expect(throws: GraphError.backwardWithoutGradient(role: "question")) {
      try await constant.backward(engine: routedEngine())
    }
  }

  @Test func parametersAreTheTrainableLeavesOnce() async throws {
    let engine = routedEngine()
    let system = Variable("Be brief.", role: "system prompt")
    let call = LLMCall(engine: engine, systemPrompt: system)
    let first = try await call.forward(Variable("Q1", role: "question", requiresGrad: false))
    let second = try await call.forward(Variable("Q2", role: "question", requiresGrad: false))
    let total = try Sum.forward([first, second])
    #expect(total.parameters.map { ObjectIdentifier($0) } == [ObjectIdentifier(system)])
  }

  @Test func computedVariablesRequireGradientsOnlyThroughTrainableInputs() async throws {
    let engine = routedEngine()
    let fixed = LLMCall(
      engine: engine, systemPrompt: Variable("s", role: "system prompt", requiresGrad: false))
    let response = try await fixed.forward(Variable("q", role: "question", requiresGrad: false))
    #expect(!response.requiresGrad)
    let trainable = try await fixed.forward(Variable("q", role: "question"))
    #expect(trainable.requiresGrad)
  }
}
