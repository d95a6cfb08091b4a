/// Role descriptions and texts used by graph operations and losses.
public enum GraphPrompts {
  /// The role of an LLM call's response when the caller names none.
  public static let defaultResponseRole = "response from the language model"
  /// The role of an evaluation's system prompt made from a plain string.
  public static let evaluationSystemRole = "system prompt of the evaluator"
  /// The role of a multi-field evaluation's instruction.
  public static let evaluationInstructionRole = "instruction for the evaluator"
  /// The system prompt of a multi-field evaluation when the caller gives none.
  public static let defaultEvaluatorSystemPrompt =
    "You evaluate the fields you are given, following the instruction that precedes them."

  /// The role of a loss computed from `role`.
  public static func evaluationRole(of role: String) -> String {
    "evaluation of the \(role)"
  }

  /// The role of a string function's output.
  public static func functionOutputRole(purpose: String) -> String {
    "output of a string function that \(purpose)"
  }

  /// The role of a variable made by joining variables of the given roles.
  public static func combinationRole(of roles: [String]) -> String {
    "combination of: \(roles.joined(separator: "; "))"
  }

  /// One field of a multi-field evaluation prompt, shown as a placeholder to fill.
  public static func evaluationField(_ name: String) -> String {
    "**\(name)**: {\(name)}"
  }
}
