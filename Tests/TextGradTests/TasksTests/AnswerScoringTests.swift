import Testing

@testable import TextGrad

@Suite("Answer scoring")
struct AnswerScoringTests {
  // Expected values computed with TextGrad's parse_integer_answer under CPython 3.11.
  @Test(
    "the last integer is read as TextGrad reads it",
    arguments: [
      ("Answer: 8", "8"), ("Answer: -24", "24"), ("no digits here", "0"),
      ("The total is 3-4 items", "34"), ("Answer: 1,000", "1000"), ("costs $12.50 total", "12"),
      ("value .5", "0"), ("Answer: 42.\n", "42"), ("x² = 4 so Answer: x²", "0"),
      ("Answer: ٣٤", "34"), ("007", "7"), ("12345678901234567890123", "12345678901234567890123"),
      ("Answer: 8\nI hope this helps with 2 things", "2"), ("Answer: **15**", "15"),
    ])
  func integerParsing(text: String, expected: String) {
    #expect(IntegerAnswer.parse(text) == expected)
  }

  @Test("integer matching keeps TextGrad's quirks: signs ignored, no digits equals 0")
  func integerQuirks() {
    #expect(AnswerScoring.lastInteger.isCorrect(response: "Answer: 24", groundTruth: "-24"))
    #expect(AnswerScoring.lastInteger.isCorrect(response: "I cannot tell", groundTruth: "0"))
    #expect(!AnswerScoring.lastInteger.isCorrect(response: "Answer: 7", groundTruth: "8"))
    let commaResponse = "So:\nAnswer: 1,234."
    #expect(AnswerScoring.lastInteger.isCorrect(response: commaResponse, groundTruth: "1234"))
  }

  @Test(
    "word lists are read after the last 'Answer:' or from the last line",
    arguments: [
      ("Sorted.\nAnswer: apple banana cherry", ["apple", "banana", "cherry"]),
      ("**Answer:** Apple, Banana, Cherry.", ["apple", "banana", "cherry"]),
      ("answer: first\nThen the final answer: \"x\" y", ["x", "y"]),
      ("Thinking...\n\napple banana\n", ["apple", "banana"]),
      ("", []),
    ])
  func wordExtraction(response: String, expected: [String]) {
    #expect(SortedWordsAnswer.words(in: response) == expected)
  }

  @Test("word sorting needs the same words in the same order")
  func wordMatching() {
    let target = "syndrome therefrom"
    func scores(_ response: String, _ truth: String = target) -> Bool {
      AnswerScoring.sortedWords.isCorrect(response: response, groundTruth: truth)
    }
    #expect(scores("Answer: syndrome therefrom"))
    #expect(!scores("Answer: therefrom syndrome"))
    #expect(!scores("Answer: syndrome"))
    #expect(!scores("Answer:", ""))
  }
}
