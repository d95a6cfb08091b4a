import Testing

@testable import TextGrad

@Suite struct EvaluationTests {
  private func accuracyEvaluation(_ engine: ScriptedEngine) -> TokenParsedEvaluation {
    TokenParsedEvaluation(
      evaluation: multiField(engine), openTag: "<ACCURACY>", closeTag: "</ACCURACY>")
  }

  private let inputs = [
    Variable("Paris", role: "prediction"),
    Variable("Paris", role: "truth", requiresGrad: false),
  ]

  private func multiField(_ engine: ScriptedEngine) -> MultiFieldEvaluation {
    MultiFieldEvaluation(
      instruction: Variable(
        "Compare the prediction with the truth.", role: "instruction", requiresGrad: false),
      fieldNames: ["prediction", "truth"], engine: engine)
  }

  @Test func multiFieldPromptShowsInstructionAndEveryField() throws {
    let evaluation = multiField(routedEngine())
    let prompt = try evaluation.prompt(for: inputs)
    #expect(
      prompt == "Compare the prediction with the truth.\n**prediction**: Paris\n**truth**: Paris")
  }

  @Test func multiFieldRejectsAWrongNumberOfInputs() async {
    let evaluation = multiField(routedEngine())
    await #expect(throws: GraphError.fieldCountMismatch(expected: 2, given: 1)) {
      try await evaluation.forward([Variable("x", role: "prediction")])
    }
  }

  @Test func replyWithTagsGivesTheScore() async throws {
    let engine = ScriptedEngine(answers: ["Same city. <ACCURACY> 1 </ACCURACY>"])
    let scored = try await accuracyEvaluation(engine).forward(inputs)
    #expect(scored.score == "1")
    #expect(engine.requests.count == 1)
  }

  @Test func replyWithoutTagsIsRetriedOnceWithAReminder() async throws {
    let engine = ScriptedEngine(answers: ["They match.", "<ACCURACY>1</ACCURACY>"])
    let evaluator = accuracyEvaluation(engine)
    let scored = try await evaluator.forward(inputs)
    #expect(scored.score == "1")
    #expect(scored.response.value == "<ACCURACY>1</ACCURACY>")
    #expect(scored.response.history == ["They match."])
    #expect(evaluator.missingScores == 0)
    let retry = try #require(engine.requests.last)
    #expect(retry.messages.count == 4)
    #expect(retry.messages[2] == .assistant("They match."))
    #expect(retry.messages[3].content.contains("<ACCURACY>score</ACCURACY>"))
  }

  @Test func replyStillWithoutTagsIsACountedFailure() async throws {
    let engine = ScriptedEngine(answers: ["They match.", "Yes, they match."])
    let evaluator = accuracyEvaluation(engine)
    let scored = try await evaluator.forward(inputs)
    #expect(scored.score == nil)
    #expect(throws: MissingScoreTags.self) { try scored.outcome.get() }
    #expect(evaluator.missingScores == 1)
    #expect(engine.requests.count == 2)
    _ = try await evaluator.forward(inputs)
    #expect(evaluator.missingScores == 2)
  }

  @Test func stringLossRendersTheScore() throws {
    let loss = StringLoss(purpose: "checks exact match") { values in
      values["prediction"] == values["truth"] ? 1 : 0
    }
    let right = try loss.forward(["prediction": inputs[0], "truth": inputs[1]])
    #expect(right.value == "1")
    let wrong = try loss.forward(
      ["prediction": Variable("Lyon", role: "prediction"), "truth": inputs[1]])
    #expect(wrong.value == "0")
    #expect(StringLoss.render(0.5) == "0.5")
  }

  @Test func textLossSendsTheInstructionAsSystemPrompt() async throws {
    let engine = routedEngine()
    let loss = try await TextLoss(instruction: "Is it funny?", engine: engine)
      .forward(Variable("a joke", role: "joke"))
    #expect(engine.requests.first?.messages == [.system("Is it funny?"), .user("a joke")])
    #expect(loss.roleDescription == "evaluation of the joke")
  }
}
