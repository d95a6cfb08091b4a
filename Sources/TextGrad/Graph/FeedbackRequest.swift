/// The backward step shared by `LLMCall`, `FormattedLLMCall` and `StringFunction`.
///
/// For each predecessor that requires gradients, asks the backward engine for feedback and
/// hands it, with its context, to the sink. The request takes TextGrad's "base" form when the
/// response has no feedback yet (it is the loss) and its "chain" form when it has. The
/// requests for several predecessors go out together; their gradients are handed over in
/// predecessor order once all have come back.
struct FeedbackRequest {
  /// Builds the request text for one variable; `responseFeedback` is nil in the base form.
  let build: @Sendable (_ variable: Variable, _ responseFeedback: String?) -> String
  /// The forward step as shown to the feedback engine.
  let conversation: String
  /// Where the feedback engine's system prompt comes from.
  let templates: PromptTemplates

  func send(from response: Variable, engine: any LanguageModel, sink: GradientSink) async throws {
    let feedback = response.gradientText
    let responseFeedback = feedback.isEmpty ? nil : feedback
    let targets = response.predecessors.filter(\.requiresGrad)
    let requests = targets.map { build($0, responseFeedback) }
    var replies = [String?](repeating: nil, count: targets.count)
    let system = templates[.backwardSystem]
    try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for (index, request) in requests.enumerated() {
        group.addTask {
          let reply = try await CallRole.during(.backward) {
            try await engine.complete([.system(system), .user(request)], temperature: 0)
          }
          return (index, reply.text)
        }
      }
      while let (index, text) = try await group.next() { replies[index] = text }
    }
    for (index, variable) in targets.enumerated() {
      guard let text = replies[index] else { throw CancellationError() }
      let context = GradientContext(
        conversation: conversation, request: requests[index],
        responseRole: response.roleDescription, variableRole: variable.roleDescription)
      sink.add(variable, Gradient(text: text, context: context))
    }
  }
}
