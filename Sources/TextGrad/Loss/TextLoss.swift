/// A loss computed by a language model: an evaluation instruction applied to one variable.
///
/// The instruction is the system prompt of an `LLMCall` whose input is the variable, so the
/// evaluation's text is the loss and `backward` sends feedback to the variable (and to the
/// instruction, if it requires gradients).
public struct TextLoss: Sendable {
  /// The evaluation call: the engine and the instruction as system prompt.
  public let call: LLMCall

  /// A loss that asks `engine` to evaluate with `instruction`.
  public init(instruction: Variable, engine: any LanguageModel) {
    self.call = LLMCall(engine: engine, systemPrompt: instruction)
  }

  /// A loss with a fixed instruction, which receives no gradients.
  public init(instruction: String, engine: any LanguageModel) {
    let variable = Variable(
      instruction, role: GraphPrompts.evaluationSystemRole, requiresGrad: false)
    self.init(instruction: variable, engine: engine)
  }

  /// Evaluates `instance`; the result is the loss variable.
  public func forward(_ instance: Variable) async throws -> Variable {
    try await call.forward(
      instance, responseRole: GraphPrompts.evaluationRole(of: instance.roleDescription))
  }
}
