/// The backward step shared by `LLMCall`, `FormattedLLMCall` and `StringFunction`.
///
/// For each predecessor that requires gradients, asks the backward engine for feedback and
/// appends it, with its context, to the predecessor. The request takes TextGrad's "base"
/// form when the response has no feedback yet (it is the loss) and its "chain" form when it
/// has. Predecessors are served in order, one request at a time, so gradients keep their order.
struct FeedbackRequest {
  /// Builds the request text for one variable; `responseFeedback` is nil in the base form.
  let build: @Sendable (_ variable: Variable, _ responseFeedback: String?) -> String
  /// The forward step as shown to the feedback engine.
  let conversation: String

  func send(from response: Variable, engine: any LanguageModel) async throws {
    let feedback = response.gradientText
    let responseFeedback = feedback.isEmpty ? nil : feedback
    for variable in response.predecessors where variable.requiresGrad {
      let request = build(variable, responseFeedback)
      let reply = try await engine.complete(
        [.system(BackwardPrompts.system), .user(request)], temperature: 0)
      let context = GradientContext(
        conversation: conversation, request: request, responseRole: response.roleDescription,
        variableRole: variable.roleDescription)
      variable.addGradient(Gradient(text: reply.text, context: context))
    }
  }
}
