import Testing

@testable import TextGrad

@Suite struct TextualGradientDescentTests {
  private func promptWithFeedback(_ value: String, feedback: String = "be clearer") -> Variable {
    let prompt = Variable(value, role: "system prompt")
    prompt.addGradient(Gradient(text: feedback))
    return prompt
  }

  @Test func promptHoldsTheWholeVariableConstraintsAndExamples() {
    let words = (1...400).map { "word\($0)" }.joined(separator: " ")
    let prompt = promptWithFeedback(words)
    let optimizer = TextualGradientDescent(
      parameters: [prompt], engine: routedEngine(),
      constraints: ["Stay under 50 words.", "Keep the tone polite."],
      inContextExamples: ["Answer with a number."])
    let text = optimizer.updatePrompt(for: prompt)
    #expect(text.contains("<VARIABLE>\(words)</VARIABLE>"))
    #expect(text.contains("word200"))
    #expect(
      text.contains("Constraint 1: Stay under 50 words.\nConstraint 2: Keep the tone polite."))
    #expect(text.contains("<EXAMPLES>Answer with a number.</EXAMPLES>"))
    #expect(text.contains("<FEEDBACK>be clearer</FEEDBACK>"))
    #expect(text.hasSuffix(OptimizerPrompts.answerFormat(.ftg)))
  }

  @Test func feedbackAppearsWithItsContextInOrder() {
    let prompt = Variable("p", role: "system prompt")
    for index in 1...3 {
      prompt.addGradient(
        Gradient(
          text: "fix \(index)",
          context: GradientContext(
            conversation: "exchange \(index)", request: "r", responseRole: "answer",
            variableRole: "system prompt")))
    }
    let text = TextualGradientDescent(parameters: [prompt], engine: routedEngine())
      .updatePrompt(for: prompt)
    let positions = (1...3).compactMap { text.range(of: "fix \($0)")?.lowerBound }
    #expect(positions.count == 3)
    #expect(positions == positions.sorted())
    #expect(text.contains("<CONVERSATION>exchange 2</CONVERSATION>"))
  }

  @Test func stepParsesTheTagsAndKeepsTheOldValue() async throws {
    let engine = routedEngine(
      optimizerReplies: ["Here: <IMPROVED_VARIABLE>\n  Be precise.\n</IMPROVED_VARIABLE> done"])
    let prompt = promptWithFeedback("Be vague.")
    let optimizer = TextualGradientDescent(parameters: [prompt], engine: engine)
    let outcomes = try await optimizer.step()
    #expect(outcomes == [.updated])
    #expect(prompt.value == "Be precise.")
    #expect(prompt.history == ["Be vague."])
    #expect(engine.requests.first?.grammar == nil)
  }

  @Test func replyWithoutTagsIsRetriedThenSkippedAndCounted() async throws {
    let engine = routedEngine(optimizerReplies: ["Be precise.", "I would say: Be precise."])
    let prompt = promptWithFeedback("Be vague.")
    let optimizer = TextualGradientDescent(parameters: [prompt], engine: engine)
    let outcomes = try await optimizer.step()
    #expect(outcomes == [.skipped(reply: "I would say: Be precise.")])
    #expect(optimizer.skippedUpdates == 1)
    #expect(prompt.value == "Be vague.")
    #expect(prompt.history.isEmpty)
    let retry = try #require(engine.requests.last)
    #expect(engine.requests.count == 2)
    #expect(
      retry.messages.suffix(2) == [.assistant("Be precise."), .user(OptimizerPrompts.tagReminder(.ftg))])
  }

  @Test func replyFixedAfterTheReminderIsUsed() async throws {
    let engine = routedEngine(
      optimizerReplies: ["Be precise.", "<IMPROVED_VARIABLE>Be precise.</IMPROVED_VARIABLE>"])
    let prompt = promptWithFeedback("Be vague.")
    let optimizer = TextualGradientDescent(parameters: [prompt], engine: engine)
    #expect(try await optimizer.step() == [.updated])
    #expect(prompt.value == "Be precise.")
    #expect(optimizer.skippedUpdates == 0)
  }

  @Test func gradientMemoryPutsEarlierFeedbackInThePrompt() async throws {
    let engine = routedEngine()
    let prompt = promptWithFeedback("v0", feedback: "first feedback")
    let optimizer = TextualGradientDescent(
      parameters: [prompt], engine: engine, gradientMemory: 1)
    try await optimizer.step()
    optimizer.zeroGrad()
    prompt.addGradient(Gradient(text: "second feedback"))
    try await optimizer.step()
    optimizer.zeroGrad()
    prompt.addGradient(Gradient(text: "third feedback"))
    let text = optimizer.updatePrompt(for: prompt)
    #expect(text.contains("<PAST_FEEDBACK-1>second feedback</PAST_FEEDBACK-1>"))
    #expect(!text.contains("first feedback"))
    let secondRequest = try #require(engine.requests.last?.messages.last?.content)
    #expect(secondRequest.contains("<PAST_FEEDBACK-1>first feedback</PAST_FEEDBACK-1>"))
  }

  @Test func withoutGradientMemoryNoPastFeedbackIsShown() async throws {
    let prompt = promptWithFeedback("v0", feedback: "first feedback")
    let optimizer = TextualGradientDescent(parameters: [prompt], engine: routedEngine())
    try await optimizer.step()
    optimizer.zeroGrad()
    prompt.addGradient(Gradient(text: "second feedback"))
    #expect(!optimizer.updatePrompt(for: prompt).contains("first feedback"))
  }

  @Test func parameterWithoutFeedbackIsLeftAlone() async throws {
    let engine = routedEngine()
    let prompt = Variable("v0", role: "system prompt")
    let optimizer = TextualGradientDescent(parameters: [prompt], engine: engine)
    #expect(try await optimizer.step() == [.noFeedback])
    #expect(engine.requests.isEmpty)
    #expect(prompt.value == "v0")
  }

  @Test func grammarIsSentWhenAsked() async throws {
    let engine = routedEngine()
    let optimizer = TextualGradientDescent(
      parameters: [promptWithFeedback("v0")], engine: engine, usesGrammar: true)
    try await optimizer.step()
    #expect(engine.requests.first?.grammar == OptimizerPrompts.grammar)
    #expect(OptimizerPrompts.grammar.contains("root ::= \"<IMPROVED_VARIABLE>\""))
  }
}
