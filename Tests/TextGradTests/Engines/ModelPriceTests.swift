import Testing

@testable import TextGrad

/// OpenAI's list prices by model name, the longest known name first.
@Suite struct ModelPriceTests {
  @Test func theLongestKnownNameDecidesThePrice() {
    #expect(ModelPrice.listPrice(for: "gpt-4o-mini-2024-07-18") == ModelPrice(prompt: 0.15, completion: 0.60))
    #expect(ModelPrice.listPrice(for: "gpt-4o") == ModelPrice(prompt: 2.50, completion: 10.00))
    #expect(ModelPrice.listPrice(for: "llama3.1") == nil)
    #expect(ModelPrice(prompt: 2, completion: 8).cost(prompt: 1_000_000, completion: 500_000) == 6)
    #expect(ModelPrice(prompt: 2.5, completion: 10).description == "$2.50 / $10.00 per million tokens")
  }
}
