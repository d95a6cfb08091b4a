import Foundation
import Testing

@testable import TextGrad

@Suite("Dataset file formats")
struct DatasetFileFormatTests {
  @Test("GSM8K final answers follow FedTextGrad: commas removed, sign kept, canonical form")
  func gsm8kFinalAnswer() {
    func answer(_ text: String) -> String? {
      GSM8KRecord(question: "q", answer: text).finalAnswer
    }
    #expect(answer("She pays 5 + 3 = 8.\n#### 8") == "8")
    #expect(answer("Total <<1000+234=1234>>.\n#### 1,234") == "1234")
    #expect(answer("It falls.\n#### -3") == "-3")
    #expect(answer("Leading zero.\n#### 007") == "7")
    #expect(answer("No marker 8") == nil)
    #expect(answer("#### eight") == nil)
  }

  @Test("GSM8K lines decode in order, blank lines are skipped")
  func gsm8kLines() throws {
    let text = """
      {"question": "A?", "answer": "x\\n#### 1"}

      {"question": "B?", "answer": "y\\n#### 2"}

      """
    let records = try GSM8KFile.records(from: Data(text.utf8), file: .gsm8kTrain)
    #expect(records.map(\.question) == ["A?", "B?"])
    #expect(records.map(\.finalAnswer) == ["1", "2"])
  }

  @Test("a broken GSM8K line is an error naming the file and the line")
  func gsm8kBrokenLine() {
    let text = "{\"question\": \"A?\", \"answer\": \"#### 1\"}\n{\"question\": 3}\n"
    let error = #expect(throws: DataError.self) {
      try GSM8KFile.records(from: Data(text.utf8), file: .gsm8kTest)
    }
    #expect(error?.file == "gsm8k/test.jsonl")
    #expect(error?.description.contains("line 2") == true)
  }

  @Test("BIG-Bench Hard files decode their examples in order")
  func bigBenchHard() throws {
    let text = """
      {"canary": "c", "examples": [{"input": "1 + 1 =", "target": "2"},
       {"input": "2 + 2 =", "target": "4"}]}
      """
    let records = try BigBenchHardFile.records(from: Data(text.utf8), file: .bbhObjectCounting)
    #expect(
      records == [
        BigBenchHardRecord(input: "1 + 1 =", target: "2"),
        BigBenchHardRecord(input: "2 + 2 =", target: "4"),
      ])
  }

  @Test("a BIG-Bench Hard file without examples is an error naming the file")
  func bigBenchHardMalformed() {
    let error = #expect(throws: DataError.self) {
      try BigBenchHardFile.records(from: Data("{\"canary\": 1}".utf8), file: .bbhWordSorting)
    }
    #expect(error?.description.hasPrefix("bbh/word_sorting.json") == true)
  }

  @Test("known files are found by path")
  func knownFiles() {
    #expect(DatasetFile.named("gsm8k/train.jsonl") == .gsm8kTrain)
    #expect(DatasetFile.named("bbh/nope.json") == nil)
    #expect(Set(DatasetFile.all.map(\.path)).count == DatasetFile.all.count)
  }
}
