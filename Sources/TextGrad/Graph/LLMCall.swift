/// A call of a language model: system prompt variable and input variable in, response out.
///
/// `forward` asks the engine and returns a response whose predecessors are the system prompt
/// (when there is one) and the input; `backward` sends the response's feedback to them.
public struct LLMCall: Sendable {
  /// The engine that answers the forward call.
  public let engine: any LanguageModel
  /// The system prompt, usually the variable being optimized.
  public let systemPrompt: Variable?
  /// Sampling temperature of the forward call.
  public var temperature: Double?
  /// The most tokens the response may have.
  public var maxTokens: Int?
  /// Seed for reproducible sampling.
  public var seed: Int?
  /// The texts its feedback requests are made from.
  public var templates: PromptTemplates
  /// What the call is for, in usage counts (`CallRole.current` when nil).
  public var role: CallRole?

  /// A call of `engine` with the given system prompt and options.
  public init(
    engine: any LanguageModel, systemPrompt: Variable? = nil, temperature: Double? = 0,
    maxTokens: Int? = nil, seed: Int? = nil, templates: PromptTemplates = .ftg, role: CallRole? = nil
  ) {
    self.engine = engine
    self.systemPrompt = systemPrompt
    self.temperature = temperature
    self.maxTokens = maxTokens
    self.seed = seed
    self.templates = templates
    self.role = role
  }

  /// Asks the engine with `input` and returns its answer as a variable in the graph.
  public func forward(
    _ input: Variable, responseRole: String = GraphPrompts.defaultResponseRole
  ) async throws -> Variable {
    try await call(prompt: input.value, inputs: [input], responseRole: responseRole)
  }

  /// Asks the engine with `prompt`, made from `inputs`, and links the answer to them.
  func call(prompt: String, inputs: [Variable], responseRole: String) async throws -> Variable {
    let system = systemPrompt?.value
    var messages: [ChatMessage] = []
    if let system { messages.append(.system(system)) }
    messages.append(.user(prompt))
    let request = ChatRequest(
      model: engine.model, messages: messages, temperature: temperature, maxTokens: maxTokens,
      seed: seed)
    let reply = try await CallRole.during(role ?? CallRole.current) {
      try await engine.complete(request)
    }
    let predecessors = (systemPrompt.map { [$0] } ?? []) + inputs
    let templates = self.templates
    return Variable(computed: reply.text, role: responseRole, predecessors: predecessors) {
      response, backwardEngine, sink in
      try await Self.backward(
        response: response, prompt: prompt, systemPrompt: system, engine: backwardEngine,
        sink: sink, templates: templates)
    }
  }

  /// Sends the response's feedback to the system prompt and inputs, in the chain or base form.
  static func backward(
    response: Variable, prompt: String, systemPrompt: String?, engine: any LanguageModel,
    sink: GradientSink, templates: PromptTemplates
  ) async throws {
    let conversation = BackwardPrompts.conversation(
      templates, systemPrompt: systemPrompt, input: prompt, output: response.value)
    let responseRole = response.roleDescription
    let request = FeedbackRequest(
      build: { variable, responseFeedback in
        guard let responseFeedback else {
          return BackwardPrompts.base(
            templates, variableRole: variable.roleDescription, conversation: conversation,
            variable: variable.value)
        }
        return BackwardPrompts.chain(
          templates, variableRole: variable.roleDescription, conversation: conversation,
          responseRole: responseRole, responseFeedback: responseFeedback,
          variable: variable.value)
      }, conversation: conversation, templates: templates)
    try await request.send(from: response, engine: engine, sink: sink)
  }
}
