import Foundation
import Testing

@testable import Fed

@Suite struct PromptComplexityTests {
  @Test func wordsAndEntropyOfKnownStrings() {
    let uniform = PromptComplexity(of: "abcd")
    #expect(uniform.wordCount == 1)
    #expect(abs(uniform.characterEntropy - 2) < 1e-12)
    #expect(PromptComplexity(of: "aaaa").characterEntropy == 0)
    #expect(PromptComplexity(of: "one two  three\nfour").wordCount == 4)
    #expect(PromptComplexity(of: "").characterEntropy == 0)
  }

  @Test func repetitiveTextCompressesBetter() {
    let repetitive = PromptComplexity(of: String(repeating: "count the items. ", count: 40))
    let varied = PromptComplexity(
      of: "Zebras quietly jog past vexed wizards, hunting for a bright amulet.")
    #expect(repetitive.compressionRatio < 0.1)
    #expect(varied.compressionRatio > 0.8)
    #expect(PromptComplexity(of: "").compressionRatio == 0)
  }

  @Test func surprisalFromLogProbabilities() throws {
    let metrics = PromptComplexity(
      of: "a b", engineTokenCount: 2, logProbabilities: [log(0.5), log(0.125)])
    #expect(metrics.engineTokenCount == 2)
    #expect(abs(try #require(metrics.surprisalMean) - 2) < 1e-12)
    #expect(abs(try #require(metrics.surprisalVariance) - 1) < 1e-12)
    #expect(PromptComplexity(of: "a").surprisalMean == nil)
  }
}
