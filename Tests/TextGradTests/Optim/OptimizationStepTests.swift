import Testing

@testable import TextGrad

@Suite struct OptimizationStepTests {
  @Test func forwardLossBackwardAndStepOnABatchOfThree() async throws {
    let engine = routedEngine(
      feedback: "state the answer only",
      optimizerReplies: ["<IMPROVED_VARIABLE>Reply with the answer only.</IMPROVED_VARIABLE>"])
    let system = Variable("Answer the question.", role: "system prompt")
    let call = LLMCall(engine: engine, systemPrompt: system)
    let questions = ["Q1", "Q2", "Q3"]
    let answers = try await withThrowingTaskGroup(of: (Int, Variable).self) { group in
      for (index, question) in questions.enumerated() {
        group.addTask {
          let input = Variable(question, role: "question", requiresGrad: false)
          return (index, try await call.forward(input, responseRole: "answer"))
        }
      }
      var answers: [(Int, Variable)] = []
      for try await answer in group { answers.append(answer) }
      return answers.sorted { $0.0 < $1.0 }.map(\.1)
    }
    let loss = StringLoss(purpose: "checks the answer equals the expected one") { values in
      values["answer"] == values["expected"] ? 1 : 0
    }
    let expected = ["ANSWER(Q1)", "wrong", "ANSWER(Q3)"]
    let losses = try zip(answers, expected).map { answer, truth in
      try loss.forward(
        ["answer": answer, "expected": Variable(truth, role: "expected", requiresGrad: false)])
    }
    #expect(losses.map(\.value) == ["1", "0", "1"])
    let total = try Sum.forward(losses)
    try await total.backward(engine: engine)
    #expect(requests(of: engine, system: PromptTemplates.ftg[.backwardSystem]).count == 6)
    #expect(system.gradients.count == 3)

    let optimizer = TextualGradientDescent(parameters: total.parameters, engine: engine)
    let update = optimizer.updatePrompt(for: system)
    let order = questions.compactMap {
      update.range(of: "<LM_INPUT> \($0) </LM_INPUT>")?.lowerBound
    }
    #expect(order.count == 3)
    #expect(order == order.sorted())
    #expect(try await optimizer.step() == [.updated])
    #expect(system.value == "Reply with the answer only.")
    #expect(system.history == ["Answer the question."])
    optimizer.zeroGrad()
    #expect(system.gradients.isEmpty)
  }
}
