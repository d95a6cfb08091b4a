/// A loss computed by a language model from several named fields in one prompt.
///
/// The prompt is the instruction followed by one `**name**: value` line per field, such as a
/// question, a prediction and the correct answer. The instruction and every field variable
/// are predecessors of the evaluation, so each can receive feedback.
public struct MultiFieldEvaluation: Sendable {
  /// The evaluation instruction that opens the prompt.
  public let instruction: Variable
  /// The field names, in the order the inputs are given.
  public let fieldNames: [String]
  /// The formatted call that builds the prompt and asks the engine.
  public let formattedCall: FormattedLLMCall

  /// The placeholder of the instruction in the template; it cannot clash with a field name,
  /// which is shown between `**` marks.
  static let instructionField = "evaluation instruction"

  /// An evaluation by `engine` of the named fields, following `instruction`.
  public init(
    instruction: Variable, fieldNames: [String], engine: any LanguageModel,
    systemPrompt: Variable? = nil, templates: PromptTemplates = .ftg
  ) {
    self.instruction = instruction
    self.fieldNames = fieldNames
    let system =
      systemPrompt
      ?? Variable(
        GraphPrompts.defaultEvaluatorSystemPrompt, role: GraphPrompts.evaluationSystemRole,
        requiresGrad: false)
    let lines = ["{\(Self.instructionField)}"] + fieldNames.map(GraphPrompts.evaluationField)
    self.formattedCall = FormattedLLMCall(
      call: LLMCall(engine: engine, systemPrompt: system, templates: templates),
      template: lines.joined(separator: "\n"), fields: [Self.instructionField] + fieldNames)
  }

  /// Evaluates the inputs, one per field name, in order; the result is the loss variable.
  public func forward(_ inputs: [Variable]) async throws -> Variable {
    let role = GraphPrompts.evaluationRole(of: fieldNames.joined(separator: ", "))
    return try await formattedCall.forward(try fieldValues(inputs), responseRole: role)
  }

  /// The evaluation prompt the inputs make.
  public func prompt(for inputs: [Variable]) throws -> String {
    try formattedCall.render(try fieldValues(inputs))
  }

  private func fieldValues(_ inputs: [Variable]) throws -> [String: Variable] {
    guard inputs.count == fieldNames.count else {
      throw GraphError.fieldCountMismatch(expected: fieldNames.count, given: inputs.count)
    }
    var values = [Self.instructionField: instruction]
    for (name, variable) in zip(fieldNames, inputs) { values[name] = variable }
    return values
  }
}
