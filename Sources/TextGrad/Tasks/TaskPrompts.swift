/// The starting system prompts and answer-format instructions of the tasks, in ftg's words.
///
/// They carry the same content as TextGrad's task descriptions: reason step by step, and end
/// with a last line `Answer: $VALUE`. TextGrad asks every BIG-Bench Hard task for "a numerical
/// value", word sorting included; ftg asks word sorting for the sorted words instead.
enum TaskPrompts {
  /// The answer-format instruction of tasks whose answer is a number.
  static let numericAnswerFormat =
    "Make the final line of your response exactly 'Answer: $VALUE', where VALUE is a number."

  /// The answer-format instruction of word sorting.
  static let wordListAnswerFormat =
    "Make the final line of your response exactly 'Answer: $VALUE', where VALUE is the sorted"
    + " words separated by single spaces."

  /// The answer-format instruction of `task`.
  static func answerFormat(for task: TaskName) -> String {
    task == .wordSorting ? wordListAnswerFormat : numericAnswerFormat
  }

  /// The starting system prompt of `task`: what to do, then the answer format.
  static func startingSystemPrompt(for task: TaskName) -> String {
    let approach: String
    switch task {
    case .objectCounting, .multistepArithmeticTwo:
      approach = "You are solving a reasoning problem. Work through it one step at a time."
    case .wordSorting:
      approach = "You are sorting words as the question asks. Work through it one step at a time."
    case .gsm8k:
      approach = "You are solving a math word problem. Work through it one step at a time."
    }
    return approach + " " + answerFormat(for: task)
  }
}
