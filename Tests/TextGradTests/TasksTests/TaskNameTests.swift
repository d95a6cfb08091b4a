import Testing

@testable import TextGrad

@Suite("Task names")
struct TaskNameTests {
  @Test(
    "ftg and TextGrad spellings are accepted in any case",
    arguments: [
      ("object_counting", TaskName.objectCounting), ("BBH_object_counting", .objectCounting),
      ("Word_Sorting", .wordSorting), ("bbh_multistep_arithmetic_two", .multistepArithmeticTwo),
      ("gsm8k", .gsm8k), ("GSM8K_DSPy", .gsm8k),
    ])
  func parses(text: String, expected: TaskName) throws {
    #expect(try TaskName(parsing: text) == expected)
  }

  @Test(
    "unknown names suggest the nearest task when it is close",
    arguments: [
      ("object_countin", "object_counting"), ("gsm8", "gsm8k"), ("wordsorting", "word_sorting"),
      ("multistep_arithmetic_2", "multistep_arithmetic_two"), ("sentiment", nil),
    ])
  func suggests(text: String, suggestion: String?) {
    let error = #expect(throws: UnknownTaskError.self) { try TaskName(parsing: text) }
    #expect(error?.suggestion == suggestion)
    #expect(error?.description.contains("'\(text)'") == true)
    #expect(error?.description.contains("gsm8k") == true)
    if let suggestion {
      #expect(error?.description.contains("did you mean '\(suggestion)'?") == true)
    }
  }

  @Test("TextGrad names round-trip")
  func textGradNames() throws {
    for task in TaskName.allCases {
      #expect(try TaskName(parsing: task.textGradName) == task)
    }
  }
}
