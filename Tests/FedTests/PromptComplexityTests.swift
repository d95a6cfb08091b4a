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

  @Test func compressionRatiosMatchPythonsZlib() {
    // Values from CPython: len(zlib.compress(b)) / len(b).
    let repetitive = PromptComplexity(of: String(repeating: "count the items. ", count: 40))
    let varied = PromptComplexity(
      of: "Zebras quietly jog past vexed wizards, hunting for a bright amulet.")
    #expect(repetitive.compressionRatio == 32.0 / 680.0)
    #expect(varied.compressionRatio == 70.0 / 67.0)
    #expect(PromptComplexity(of: "").compressionRatio == 0)
  }

  @Test func surprisalFromLogProbabilities() throws {
    let metrics = PromptComplexity(
      of: "a b", engineTokenCount: 2, logProbabilities: [log(0.5), log(0.125)])
    let ln2 = log(2.0)
    #expect(metrics.engineTokenCount == 2)
    #expect(abs(try #require(metrics.surprisalMean) - 2 * ln2) < 1e-12)
    #expect(abs(try #require(metrics.surprisalVariance) - 2 * ln2 * ln2) < 1e-12)
    #expect(abs(try #require(metrics.surprisalMax) - 3 * ln2) < 1e-12)
    #expect(PromptComplexity(of: "a", logProbabilities: [log(0.5)]).surprisalVariance == nil)
    #expect(PromptComplexity(of: "a").surprisalMean == nil)
  }

  @Test func entropyCountsUnicodeScalarsAsPythonDoes() {
    // "e" + combining acute: one Swift Character, two Python characters.
    #expect(abs(PromptComplexity(of: "e\u{301}").characterEntropy - 1) < 1e-12)
  }
}
