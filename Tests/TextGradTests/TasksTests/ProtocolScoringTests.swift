import Testing

@testable import TextGrad

/// Scoring as FedTextGrad's protocol scores each task (docs/protocol.md, "Scoring").
@Suite struct ProtocolScoringTests {
  @Test(
    "multistep arithmetic's exact rule keeps the sign",
    arguments: [
      ("Answer: -12", "-12"), ("Answer: **-12**", "-12"), ("so (−7) is the result: −7", "-7"),
      ("Answer: 12", "12"), ("The total is 3-4", "34"), ("Answer: -0", "0"), ("none", "0"),
    ])
  func signedParsing(text: String, expected: String) {
    #expect(SignedIntegerAnswer.parse(text) == expected)
  }

  @Test func aPositiveAnswerToANegativeTargetIsWrong() {
    // TextGrad's integer rule drops the sign and calls this right; 48% of targets are negative.
    #expect(AnswerScoring.lastInteger.isCorrect(response: "Answer: 12", groundTruth: "-12"))
    #expect(!AnswerScoring.signedInteger.isCorrect(response: "Answer: 12", groundTruth: "-12"))
    #expect(AnswerScoring.signedInteger.isCorrect(response: "Answer: -12", groundTruth: "-12"))
  }

  @Test func eachTaskIsScoredAsTheOriginalScoresIt() {
    func definition(_ task: TaskName) -> TaskDefinition {
      TaskLoader.definition(task, train: [], val: [], test: [])
    }
    #expect(definition(.objectCounting).evaluation == .exact)
    #expect(definition(.gsm8k).evaluation == .exact)
    #expect(definition(.multistepArithmeticTwo).evaluation == .judge)
    #expect(definition(.wordSorting).evaluation == .judge)
    #expect(definition(.multistepArithmeticTwo).scoring == .signedInteger)
    #expect(definition(.objectCounting).scoring == .lastInteger)
    #expect(definition(.wordSorting).evaluated(by: .exact).evaluation == .exact)
  }
}

/// The LLM judge: its request, its verdict, its retry, and its place in the graph.
@Suite struct AnswerJudgeTests {
  private let example = Example(x: "((-1 + 2) * 3) =", y: "3")

  private func judgeEngine(_ verdicts: [String]) -> ScriptedEngine {
    let queue = ReplyQueue(verdicts)
    return ScriptedEngine { request in
      let system = request.messages.first?.content
      switch system {
      case PromptTemplates.ftg[.judgeSystem]: return queue.next()
      case PromptTemplates.ftg[.backwardSystem]: return "feedback"
      default: return "Let me see. Answer: 3"
      }
    }
  }

  @Test func theJudgeSeesQuestionAnswerAndResponseAndDecides() async throws {
    let engine = judgeEngine(["<ACCURACY> 1 </ACCURACY>"])
    let task = TaskLoader.definition(.multistepArithmeticTwo, train: [], val: [], test: [])
    let scorer = ResponseScorer(task: task, judgeEngine: engine)
    let right = try await CallRole.during(.evaluation) {
      try await scorer.isCorrect("Answer: 4", for: example)
    }
    #expect(right)  // the judge, not the string rule, decided
    let request = try #require(engine.requests.first)
    let user = request.messages.last?.content ?? ""
    #expect(user.contains("**Question**: ((-1 + 2) * 3) ="))
    #expect(user.contains("**Correct answer**: 3"))
    #expect(user.contains("**Response**: Answer: 4"))
    #expect(user.hasPrefix(PromptTemplates.ftg[.judgeInstruction]))
    #expect(engine.usage.roles[.judge]?.calls == 1)
    #expect(engine.usage.roles[.evaluation] == nil)
  }

  @Test func aReplyWithoutAVerdictIsRetriedThenCountedWrong() async throws {
    let engine = judgeEngine(["I think it is fine.", "Still no tags."])
    let task = TaskLoader.definition(.wordSorting, train: [], val: [], test: [])
    let scorer = ResponseScorer(task: task, judgeEngine: engine)
    let right = try await scorer.isCorrect("Answer: a b", for: Example(x: "Sort: b a", y: "a b"))
    #expect(!right)
    #expect(scorer.missingVerdicts == 1)
    #expect(engine.requests.count == 2)
    let retry = try #require(engine.requests.last)
    #expect(retry.messages.last?.content.contains("<ACCURACY>") == true)

    let recovering = judgeEngine(["no tags", "<ACCURACY>1</ACCURACY>"])
    let second = ResponseScorer(task: task, judgeEngine: recovering)
    #expect(try await second.isCorrect("Answer: a b", for: Example(x: "Sort: b a", y: "a b")))
    #expect(second.missingVerdicts == 0)
  }

  @Test func backwardGoesThroughTheJudgesConversationToThePrompt() async throws {
    let engine = judgeEngine(["<ACCURACY> 0 </ACCURACY>"])
    let task = TaskLoader.definition(.multistepArithmeticTwo, train: [], val: [], test: [])
    let scorer = ResponseScorer(task: task, judgeEngine: engine)
    let prompt = Variable("Solve it.", role: "system prompt")
    let question = Variable(example.x, role: "question", requiresGrad: false)
    let response = try await LLMCall(engine: engine, systemPrompt: prompt).forward(question)
    let scored = try await scorer.score(response, question: question, example: example)
    #expect(!scored.correct)
    try await scored.loss.backward(engine: engine)
    let feedback = requests(of: engine, system: PromptTemplates.ftg[.backwardSystem])
    // The judge's reply is the loss: its conversation (the judge's request and reply) is what
    // the feedback on the response is about; then the response's own call reaches the prompt.
    #expect(feedback.count == 2)
    let first = feedback[0].messages.last?.content ?? ""
    #expect(first.contains("<LM_SYSTEM_PROMPT> \(PromptTemplates.ftg[.judgeSystem]) </LM_SYSTEM_PROMPT>"))
    #expect(first.contains("<ACCURACY> 0 </ACCURACY>"))
    #expect(prompt.gradients.map(\.text) == ["feedback"])
    #expect(engine.usage.roles[.backward]?.calls == 2)
  }
}
