/// A Swift function over the values of named variables, as a step of the graph.
///
/// Its output is a variable computed from the inputs. As in TextGrad, its backward step asks
/// the backward engine how each input should change, given what the function is for, its
/// inputs and output, and the output's own feedback (chain form) or none (base form).
public struct StringFunction: Sendable {
  /// What the function does, in words; it stands for the function in feedback requests.
  public let purpose: String
  /// The function itself, from input values by name to the output text.
  public let function: @Sendable ([String: String]) throws -> String
  /// The texts its feedback requests are made from.
  public let templates: PromptTemplates

  /// A step that applies `function`, described by `purpose`.
  public init(
    purpose: String, templates: PromptTemplates = .ftg,
    function: @escaping @Sendable ([String: String]) throws -> String
  ) {
    self.purpose = purpose
    self.templates = templates
    self.function = function
  }

  /// Applies the function to the inputs' values; the inputs become predecessors in order.
  public func forward(
    _ inputs: KeyValuePairs<String, Variable>, responseRole: String? = nil
  ) throws -> Variable {
    let values = Dictionary(
      inputs.map { ($0.key, $0.value.value) }, uniquingKeysWith: { first, _ in first })
    let output = try function(values)
    let templates = self.templates
    let inputsText = inputs.map {
      BackwardPrompts.functionInput(
        templates, name: $0.key, role: $0.value.roleDescription, value: $0.value.value)
    }.joined(separator: "\n\n")
    let role = responseRole ?? GraphPrompts.functionOutputRole(purpose: purpose)
    let purpose = self.purpose
    return Variable(computed: output, role: role, predecessors: inputs.map(\.value)) {
      response, engine, sink in
      try await Self.backward(
        response: response, purpose: purpose, inputs: inputsText, engine: engine, sink: sink,
        templates: templates)
    }
  }

  /// Sends the output's feedback, or the output itself, back to the inputs.
  static func backward(
    response: Variable, purpose: String, inputs: String, engine: any LanguageModel,
    sink: GradientSink, templates: PromptTemplates
  ) async throws {
    let conversation = BackwardPrompts.functionConversation(
      templates, purpose: purpose, inputs: inputs, output: response.value)
    let responseRole = response.roleDescription
    let request = FeedbackRequest(
      build: { variable, responseFeedback in
        guard let responseFeedback else {
          return BackwardPrompts.functionBase(
            templates, variableRole: variable.roleDescription, conversation: conversation,
            variable: variable.value)
        }
        return BackwardPrompts.functionChain(
          templates, variableRole: variable.roleDescription, conversation: conversation,
          responseRole: responseRole, responseFeedback: responseFeedback,
          variable: variable.value)
      }, conversation: conversation, templates: templates)
    try await request.send(from: response, engine: engine, sink: sink)
  }
}
