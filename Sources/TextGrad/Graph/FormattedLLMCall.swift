/// A call of a language model whose prompt is a template filled from several named variables.
///
/// The template names its fields in braces (`"Question: {question}\nAnswer: {answer}"`); the
/// response's predecessors are the system prompt and the field variables in field order, and
/// its backward step is `LLMCall`'s.
public struct FormattedLLMCall: Sendable {
  /// The underlying call: engine, system prompt and sampling options.
  public let call: LLMCall
  /// The template, with `{field}` placeholders.
  public let template: String
  /// The field names, in the order their variables become predecessors.
  public let fields: [String]

  /// A formatted call of `call` with the given template and fields.
  public init(call: LLMCall, template: String, fields: [String]) {
    self.call = call
    self.template = template
    self.fields = fields
  }

  /// Fills the template with the inputs' values, asks the engine and returns its answer.
  ///
  /// Throws `GraphError.fieldsMismatch` unless `inputs` has exactly the template's fields.
  public func forward(
    _ inputs: [String: Variable], responseRole: String = GraphPrompts.defaultResponseRole
  ) async throws -> Variable {
    let prompt = try render(inputs)
    let ordered = fields.compactMap { inputs[$0] }
    return try await call.call(prompt: prompt, inputs: ordered, responseRole: responseRole)
  }

  /// The prompt the inputs make: the template with each `{field}` replaced by its value.
  public func render(_ inputs: [String: Variable]) throws -> String {
    guard Set(inputs.keys) == Set(fields), inputs.count == fields.count else {
      throw GraphError.fieldsMismatch(expected: fields, given: Array(inputs.keys))
    }
    return Template.fill(template, inputs.mapValues(\.value))
  }
}
