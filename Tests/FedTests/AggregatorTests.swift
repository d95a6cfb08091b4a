import Testing
import TextGrad

@testable import Fed

@Suite struct AggregatorTests {
  private let context = AggregationContext(answerFormatInstructions: [Fixtures.instruction])

  private func occurrences(_ text: String, _ part: String) -> Int {
    text.components(separatedBy: part).count - 1
  }

  @Test func concatJoinsPromptsWithTheInstructionOnceAtTheEnd() async throws {
    let prompts = ["A. " + Fixtures.instruction, "B. " + Fixtures.instruction]
    let merged = try await ConcatAggregator().aggregate(prompts, context: context)
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
  }

  @Test func heterogeneousContextsAppendEveryDistinctInstruction() async throws {
    let mixed = AggregationContext(
      answerFormatInstructions: [
        Fixtures.instruction, Fixtures.otherInstruction, Fixtures.instruction,
      ])
    #expect(mixed.answerFormatInstructions == [Fixtures.instruction, Fixtures.otherInstruction])
    let merged = try await ConcatAggregator().aggregate(
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
    #expect(names == ["concat", "summarize", "uid"])
  }
}
