import Testing

@testable import TextGrad

@Suite struct BatchBackwardTests {
  /// Three answers by one system prompt, each evaluated, the evaluations summed.
  private func batchLoss(engine: ScriptedEngine, system: Variable) async throws -> Variable {
    let call = LLMCall(engine: engine, systemPrompt: system)
    let loss = TextLoss(instruction: "Judge the answer.", engine: engine)
    var losses: [Variable] = []
    for question in ["Q1", "Q2", "Q3"] {
      let answer = try await call.forward(
        Variable(question, role: "question", requiresGrad: false), responseRole: "answer")
      losses.append(try await loss.forward(answer))
    }
    return try Sum.forward(losses)
  }

  @Test func sharedPromptGetsGradientsInSampleOrder() async throws {
    let engine = routedEngine()
    let system = Variable("Solve it.", role: "system prompt")
    let total = try await batchLoss(engine: engine, system: system)
    try await total.backward(engine: engine)
    let conversations = system.gradients.compactMap(\.context?.conversation)
    #expect(conversations.count == 3)
    for (index, conversation) in conversations.enumerated() {
      #expect(conversation.contains("<LM_INPUT> Q\(index + 1) </LM_INPUT>"))
    }
  }

  @Test func sumWithoutFeedbackHandsNothingDownSoLossesUseTheBaseForm() async throws {
    let engine = routedEngine()
    let system = Variable("Solve it.", role: "system prompt")
    let total = try await batchLoss(engine: engine, system: system)
    try await total.backward(engine: engine)
    for loss in total.predecessors { #expect(loss.gradients.isEmpty) }
    let answers = total.predecessors.flatMap(\.predecessors).filter {
      $0.roleDescription == "answer"
    }
    #expect(answers.count == 3)
    for answer in answers {
      #expect(answer.gradients.count == 1)
      #expect(answer.gradients.first?.context?.request.contains("evaluated it as follows") == true)
    }
  }

  @Test func sumHandsItsFeedbackToEachInputOnceInOrder() throws {
    let inputs = ["a", "b", "c"].map { Variable($0, role: "part \($0)") }
    let total = try Sum.forward(inputs)
    #expect(total.value == "a\nb\nc")
    total.addGradient(Gradient(text: "shorter"))
    Sum.hand(feedback: total.gradientText, to: total.predecessors)
    for input in inputs {
      #expect(input.gradients.count == 1)
      #expect(input.gradients.first?.text.hasSuffix("shorter") == true)
      #expect(input.gradients.first?.text.contains(input.roleDescription) == true)
    }
  }

  @Test func sumOfNothingIsAnError() {
    #expect(throws: GraphError.noInputs(operation: "sum")) { try Sum.forward([]) }
  }

  @Test func aggregateMergesSeveralFeedbacksWithOneCall() async throws {
    let engine = routedEngine()
    let inputs = ["a", "b"].map { Variable($0, role: "part \($0)") }
    let aggregate = try Aggregate.forward(inputs)
    aggregate.addGradient(Gradient(text: "first point"))
    aggregate.addGradient(Gradient(text: "second point"))
    try await Aggregate.backward(aggregate: aggregate, engine: engine)
    let reduceRequests = requests(of: engine, system: PromptTemplates.ftg[.reduceSystem])
    #expect(reduceRequests.count == 1)
    let request = reduceRequests.first?.messages.last?.content ?? ""
    #expect(request.contains("<FEEDBACK-1>first point</FEEDBACK-1>"))
    #expect(request.contains("<FEEDBACK-2>second point</FEEDBACK-2>"))
    for input in inputs {
      #expect(input.gradients.map(\.text).first?.hasSuffix("merged feedback") == true)
    }
  }

  @Test func stringFunctionComputesAndAsksFeedbackForTrainableInputs() async throws {
    let engine = routedEngine(feedback: "give the number only")
    let answer = Variable("about 42", role: "answer")
    let expected = Variable("42", role: "correct answer", requiresGrad: false)
    let check = StringFunction(purpose: "checks the answer equals the correct one") { values in
      values["answer"] == values["expected"] ? "correct" : "wrong"
    }
    let result = try check.forward(["answer": answer, "expected": expected])
    #expect(result.value == "wrong")
    try await result.backward(engine: engine)
    #expect(expected.gradients.isEmpty)
    let request = try #require(answer.gradients.first?.context?.request)
    #expect(request.contains("What the function does: checks the answer equals the correct one"))
    #expect(request.contains("**expected** (role: correct answer): 42"))
    #expect(request.contains("<OUTPUT_OF_FUNCTION> wrong </OUTPUT_OF_FUNCTION>"))
    #expect(request.contains("function over strings evaluated it"))
  }

  @Test func aggregateWithOneFeedbackHandsItDownWithoutACall() async throws {
    let engine = routedEngine()
    let inputs = ["a", "b"].map { Variable($0, role: "part \($0)") }
    let aggregate = try Aggregate.forward(inputs)
    aggregate.addGradient(Gradient(text: "only point"))
    try await Aggregate.backward(aggregate: aggregate, engine: engine)
    #expect(engine.requests.isEmpty)
    for input in inputs {
      #expect(input.gradients.first?.text.hasSuffix("only point") == true)
    }
  }
}
