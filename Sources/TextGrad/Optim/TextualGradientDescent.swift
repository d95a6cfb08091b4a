import Foundation

/// Textual gradient descent (TGD): rewrites each parameter with a language model, following
/// the feedback its `backward` pass left on it.
///
/// Differences from TextGrad's `TextualGradientDescent`, each on purpose:
/// - The update prompt shows the whole current value, not its first and last ten words
///   (unless `templates.shortVariables` asks for TextGrad's view).
/// - Gradients appear in the order they were produced (TextGrad iterates a `set`).
/// - Gradient memory works: the feedback of the last `gradientMemory` updates is written into
///   the prompt (TextGrad computes that text but never puts it in the prompt).
/// - A reply without `<IMPROVED_VARIABLE>` tags gets one reminder in the same conversation;
///   if the second reply lacks them too, the parameter keeps its value, the update is counted
///   in `skippedUpdates`, and the step goes on (TextGrad raises an `IndexError`).
/// - A parameter without feedback is left alone instead of being rewritten blindly.
///
/// Concurrency: a final class whose mutable state (gradient memory, skip count) sits behind a
/// lock, never held across an `await`. Steps of one optimizer are meant to run one at a time.
public final class TextualGradientDescent: @unchecked Sendable {
  /// The variables this optimizer updates, in the order `step` visits them.
  public let parameters: [Variable]
  /// The engine that writes new values.
  public let engine: any LanguageModel
  /// Rules every new value must respect, in plain words.
  public let constraints: [String]
  /// Examples new values should take after.
  public let inContextExamples: [String]
  /// How many earlier updates' feedback each prompt shows (0: none).
  public let gradientMemory: Int
  /// Whether requests carry `OptimizerPrompts.grammar`, for engines that accept GBNF grammars
  /// (llama.cpp's server).
  public let usesGrammar: Bool
  /// Sampling temperature of the optimizer's requests.
  public let temperature: Double?
  /// The texts its requests are made from.
  public let templates: PromptTemplates

  private let lock = NSLock()
  private var pastFeedback: [ObjectIdentifier: [String]] = [:]
  private var skipped = 0

  /// An optimizer for `parameters` that asks `engine` for new values.
  public init(
    parameters: [Variable], engine: any LanguageModel, constraints: [String] = [],
    inContextExamples: [String] = [], gradientMemory: Int = 0, usesGrammar: Bool = false,
    temperature: Double? = 0, templates: PromptTemplates = .ftg
  ) {
    self.parameters = parameters
    self.engine = engine
    self.constraints = constraints
    self.inContextExamples = inContextExamples
    self.gradientMemory = max(0, gradientMemory)
    self.usesGrammar = usesGrammar
    self.temperature = temperature
    self.templates = templates
  }

  /// How many updates were skipped because the optimizer's replies lacked the tags.
  public var skippedUpdates: Int { lock.withLock { skipped } }

  /// Forgets the feedback of every parameter.
  public func zeroGrad() {
    for parameter in parameters { parameter.zeroGrad() }
  }

  /// Rewrites every parameter that has feedback; old values go to each one's `history`.
  @discardableResult
  public func step() async throws -> [UpdateOutcome] {
    var outcomes: [UpdateOutcome] = []
    for parameter in parameters {
      try Task.checkCancellation()
      outcomes.append(try await update(parameter))
    }
    return outcomes
  }

  /// The update request for `variable`: role, whole value, feedback with context, past
  /// feedback, constraints, examples and the answer format.
  public func updatePrompt(for variable: Variable) -> String {
    let templates = self.templates
    let feedback = variable.gradients.map { gradient in
      guard let context = gradient.context else {
        return OptimizerPrompts.feedbackAlone(templates, gradient.text)
      }
      return OptimizerPrompts.feedbackWithContext(
        templates, conversation: context.conversation, responseRole: context.responseRole,
        variableRole: context.variableRole, feedback: gradient.text)
    }.joined()
    let role = variable.roleDescription
    var prompt = OptimizerPrompts.update(
      templates, role: role, variable: variable.value, feedback: feedback)
    let memory = lock.withLock { pastFeedback[ObjectIdentifier(variable)] ?? [] }
    if !memory.isEmpty { prompt += OptimizerPrompts.pastFeedback(templates, memory) }
    if !constraints.isEmpty { prompt += OptimizerPrompts.constraints(templates, constraints) }
    if !inContextExamples.isEmpty {
      prompt += OptimizerPrompts.examples(templates, inContextExamples, role: role)
    }
    return prompt + OptimizerPrompts.answerFormat(templates)
  }

  private func update(_ parameter: Variable) async throws -> UpdateOutcome {
    let feedback = parameter.gradientText
    guard !feedback.isEmpty else { return .noFeedback }
    var messages: [ChatMessage] = [
      .system(templates[.optimizerSystem]), .user(updatePrompt(for: parameter)),
    ]
    var reply = try await ask(messages)
    if taggedValue(reply) == nil {
      messages += [.assistant(reply), .user(OptimizerPrompts.tagReminder(templates))]
      reply = try await ask(messages)
    }
    guard let newValue = taggedValue(reply) else {
      lock.withLock { skipped += 1 }
      return .skipped(reply: reply)
    }
    parameter.update(to: newValue)
    remember(feedback, for: parameter)
    return .updated
  }

  private func ask(_ messages: [ChatMessage]) async throws -> String {
    let request = ChatRequest(
      model: engine.model, messages: messages, temperature: temperature,
      grammar: usesGrammar ? OptimizerPrompts.grammar : nil)
    return try await CallRole.during(.optimizer) { try await engine.complete(request) }.text
  }

  private func taggedValue(_ reply: String) -> String? {
    taggedSpan(in: reply, open: OptimizerPrompts.openTag, close: OptimizerPrompts.closeTag)
  }

  private func remember(_ feedback: String, for parameter: Variable) {
    guard gradientMemory > 0 else { return }
    lock.withLock {
      var memory = pastFeedback[ObjectIdentifier(parameter), default: []]
      memory.append(feedback)
      pastFeedback[ObjectIdentifier(parameter)] = Array(memory.suffix(gradientMemory))
    }
  }
}

/// What `TextualGradientDescent.step` did with one parameter.
public enum UpdateOutcome: Hashable, Sendable {
  /// The parameter has a new value.
  case updated
  /// The parameter had no feedback, so it was left alone.
  case noFeedback
  /// The replies lacked the tags even after a reminder; `reply` is the last one.
  case skipped(reply: String)
}
