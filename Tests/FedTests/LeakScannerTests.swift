import Testing
import TextGrad

@testable import Fed

/// What counts as a client's training data in text it sends, and what does not.
@Suite struct LeakScannerTests {
  let mine = [
    Example(x: "Maria Lopez bought 37 apples at the market on Tuesday. How many apples are left?", y: "12"),
    Example(x: "A train leaves at 9 and travels 140 miles. How many apples are left?", y: "3"),
  ]
  var population: [Example] {
    mine + (0..<40).map { Example(x: "Someone has \($0 % 3) pears. How many apples are left?", y: "1") }
  }

  @Test func quotedRunsRareNumbersAndNamesAreFoundButSharedWordingIsNot() {
    let scanner = LeakScanner(examples: mine, population: population)
    let leaks = scanner.leaks(
      in:
        "Be careful: bought 37 apples at the market on Tuesday. Think of Maria Lopez and of 140. How many apples are left?"
    )
    #expect(leaks.map(\.kind) == ["ngram", "name", "number"])
    #expect(leaks.map(\.text) == ["bought 37 apples at the market on Tuesday", "Maria Lopez", "140"])
    #expect(leaks.map(\.example) == [0, 0, 1])
  }

  @Test func redactionCutsEverySpanAndCountsIt() {
    let scanner = LeakScanner(examples: mine, population: population)
    let (text, count) = scanner.redacted("Remember Maria Lopez bought 37 apples at the market on Tuesday.")
    #expect(count == 1)
    #expect(text == "Remember [redacted].")
    #expect(scanner.redacted("Reason step by step.") == ("Reason step by step.", 0))
  }
}
