import Testing
import TextGrad

@testable import Fed

@Suite struct AggregatorTests {
  private let context = AggregationContext(answerFormatInstructions: [Fixtures.instruction])

  private func occurrences(_ text: String, _ part: String) -> Int {
    text.components(separatedBy: part).count - 1
  }

  @Test func concatJoinsWholePromptsLineByLineAsFedTextGradDoes() async throws {
    let prompts = ["A. " + Fixtures.instruction, "B. " + Fixtures.instruction]
    let merged = try await ConcatAggregator().aggregate(prompts, context: context)
    #expect(merged == "A. " + Fixtures.instruction + "\nB. " + Fixtures.instruction)
  }

  @Test func concatDedupJoinsPromptsWithTheInstructionOnceAtTheEnd() async throws {
    let prompts = ["A. " + Fixtures.instruction, "B. " + Fixtures.instruction]
    let merged = try await DedupConcatAggregator().aggregate(prompts, context: context)
    #expect(merged == "A.\n\nB. " + Fixtures.instruction)
  }

  @Test(arguments: [LanguageModelAggregator.Style.summarize, .uid])
  func languageModelAggregatorsKeepTheInstructionExactlyOnce(
    style: LanguageModelAggregator.Style
  ) async throws {
    let reply = "Count. " + Fixtures.instruction + " Check twice. " + Fixtures.instruction
    let engine = Fixtures.engine(merged: reply)
    let aggregator = LanguageModelAggregator(style: style, engine: engine)
    let merged = try await aggregator.aggregate(
      ["P1 " + Fixtures.instruction, "P2 " + Fixtures.instruction], context: context)
    #expect(occurrences(merged, Fixtures.instruction) == 1)
    #expect(merged.hasSuffix(Fixtures.instruction))
    #expect(merged.hasPrefix("Count."))
    #expect(aggregator.name == style.rawValue)
    let request = try #require(engine.requests.first?.messages.last?.content)
    #expect(request.contains("P1") && request.contains("P2"))
    #expect(request.contains("Uniform Information Density") == (style == .uid))
    #expect(engine.requests.first?.messages.first?.content.contains("same") == false)
  }

  @Test func summarizeAndUIDDifferByTheUIDSentenceAlone() {
    let templates = PromptTemplates.ftg
    let prompts = ["P1", "P2"]
    let summarize = LanguageModelAggregator.request(prompts, style: .summarize, templates: templates)
    let uid = LanguageModelAggregator.request(prompts, style: .uid, templates: templates)
    let sentence = "Write it following the Uniform Information Density principle. "
    #expect(uid.contains(sentence))
    #expect(uid.replacingOccurrences(of: sentence, with: "") == summarize)
    // Neither asks to cut repetition or assumes the clients tuned one task.
    for text in [summarize, uid, templates[.aggregateSystem]] {
      #expect(!text.lowercased().contains("repeat"))
      #expect(!text.lowercased().contains("same prompt") && !text.lowercased().contains("copy of one"))
    }
  }

  @Test func heterogeneousContextsAppendEveryDistinctInstruction() async throws {
    let mixed = AggregationContext(
      answerFormatInstructions: [
        Fixtures.instruction, Fixtures.otherInstruction, Fixtures.instruction,
      ])
    #expect(mixed.answerFormatInstructions == [Fixtures.instruction, Fixtures.otherInstruction])
    let merged = try await DedupConcatAggregator().aggregate(
      ["A. " + Fixtures.instruction, "B. " + Fixtures.otherInstruction], context: mixed)
    #expect(merged == "A.\n\nB. " + Fixtures.instruction + " " + Fixtures.otherInstruction)
  }

  @Test func aClosureAggregatorReturnsItsResult() async throws {
    let aggregator = ClosureAggregator(name: "longest") { prompts in
      prompts.max { $0.count < $1.count } ?? ""
    }
    #expect(try await aggregator.aggregate(["a", "abc", "ab"], context: context) == "abc")
    #expect(aggregator.name == "longest")
  }

  @Test func aggregatorsRejectAnEmptyList() async {
    await #expect(throws: FedError.nothingToAggregate) {
      try await ConcatAggregator().aggregate([], context: context)
    }
  }
}

@Suite struct AggregationMethodTests {
  @Test func namesParseToTheirAggregators() {
    let engine = Fixtures.engine()
    #expect(AggregationMethod(name: "sum_uid") == .uid)
    #expect(AggregationMethod(name: "Summarization") == .summarize)
    #expect(AggregationMethod(name: "average") == nil)
    let names = AggregationMethod.allCases.map { $0.aggregator(engine: engine).name }
    #expect(names == ["concat", "concat_dedup", "summarize", "uid"])
  }
}
