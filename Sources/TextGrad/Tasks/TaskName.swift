/// The tasks ftg can load, named as in BIG-Bench Hard and GSM8K.
public enum TaskName: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// BIG-Bench Hard object counting: count the items of a kind in a list.
  case objectCounting = "object_counting"
  /// BIG-Bench Hard word sorting: sort a list of words alphabetically.
  case wordSorting = "word_sorting"
  /// BIG-Bench Hard multistep arithmetic (two): evaluate a nested integer expression.
  case multistepArithmeticTwo = "multistep_arithmetic_two"
  /// GSM8K grade-school math word problems, with FedTextGrad's splits.
  case gsm8k = "gsm8k"

  /// Parses a task name; TextGrad's names (`BBH_object_counting`, `GSM8K_DSPy`) are accepted
  /// too, and case is ignored. Throws `UnknownTaskError` with a "did you mean" suggestion.
  public init(parsing text: String) throws {
    let wanted = text.lowercased()
    guard let task = Self.allCases.first(where: { $0.acceptedSpellings.contains(wanted) }) else {
      throw UnknownTaskError(name: text)
    }
    self = task
  }

  /// The name as written in ftg programs.
  public var description: String { rawValue }

  /// The name TextGrad and FedTextGrad use for the same task.
  public var textGradName: String {
    self == .gsm8k ? "GSM8K_DSPy" : "BBH_\(rawValue)"
  }

  /// The lower-case spellings `init(parsing:)` accepts.
  var acceptedSpellings: [String] {
    [rawValue, textGradName.lowercased()]
  }
}
