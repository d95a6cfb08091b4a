/// The name of one prompt template (`optimizer.update`, `starting_prompts.gsm8k`) and the
/// placeholders its text must contain.
public struct TemplateKey: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The group the template belongs to: `tasks`, `judge`, `backward`, ...
  public let group: String
  /// Its name within the group.
  public let name: String
  /// The placeholders the code fills; a replacement text must keep every one of them.
  public let placeholders: [String]

  init(_ group: String, _ name: String, _ placeholders: [String] = []) {
    self.group = group
    self.name = name
    self.placeholders = placeholders
  }

  /// `group.name`.
  public var description: String { "\(group).\(name)" }

  /// Keys order as `TemplateKey.all` lists them.
  public static func < (lhs: TemplateKey, rhs: TemplateKey) -> Bool {
    (all.firstIndex(of: lhs) ?? 0) < (all.firstIndex(of: rhs) ?? 0)
  }

  /// Two keys are the same template when their paths are; placeholders follow from the path.
  public static func == (lhs: TemplateKey, rhs: TemplateKey) -> Bool {
    lhs.group == rhs.group && lhs.name == rhs.name
  }

  /// Hashes the path.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(group)
    hasher.combine(name)
  }

  /// The key called `path` (`group.name`), or nil.
  public init?(path: String) {
    guard let key = Self.all.first(where: { $0.description == path }) else { return nil }
    self = key
  }
}

// MARK: - The templates

extension TemplateKey {
  /// The starting system prompt of `task`; `{answer_format}` stands for the task's format.
  public static func startingPrompt(_ task: TaskName) -> TemplateKey {
    TemplateKey("starting_prompts", task.rawValue, ["answer_format"])
  }
  /// The instruction on how `task`'s final answer must be written.
  public static func answerFormat(_ task: TaskName) -> TemplateKey {
    TemplateKey("answer_formats", task.rawValue)
  }

  /// The user message of a forward call.
  public static let forwardUser = TemplateKey("forward", "user", ["question"])

  /// The judge's system prompt.
  public static let judgeSystem = TemplateKey("judge", "system")
  /// What the judge is asked to decide, and how to answer.
  public static let judgeInstruction = TemplateKey("judge", "instruction")
  /// The judge's request: the instruction and the three fields.
  public static let judgeRequest = TemplateKey(
    "judge", "request", ["instruction", "question", "answer", "response"])
  /// The reminder sent when a judge's reply has no verdict.
  public static let judgeReminder = TemplateKey("judge", "reminder", ["open", "close"])

  /// The system prompt of every feedback request.
  public static let backwardSystem = TemplateKey("backward", "system")
  /// One forward call, as the feedback engine sees it.
  public static let backwardConversation = TemplateKey(
    "backward", "conversation", ["system_prompt", "input", "output"])
  /// The feedback request when the output has no feedback yet (it is the loss).
  public static let backwardBase = TemplateKey(
    "backward", "base", ["role", "conversation", "variable_span"])
  /// The feedback request when the output has feedback of its own.
  public static let backwardChain = TemplateKey(
    "backward", "chain", ["role", "conversation", "response_role", "response_feedback", "variable_span"])
  /// The closing part of every feedback request: the text to criticise.
  public static let backwardSpan = TemplateKey("backward", "span", ["role", "variable"])
  /// One call of a string function, as the feedback engine sees it.
  public static let functionConversation = TemplateKey(
    "backward", "function_conversation", ["purpose", "inputs", "output"])
  /// One named input of a string function.
  public static let functionInput = TemplateKey("backward", "function_input", ["name", "role", "value"])
  /// The feedback request for a function input when the output has no feedback.
  public static let functionBase = TemplateKey(
    "backward", "function_base", ["role", "conversation", "variable_span"])
  /// The feedback request for a function input when the output has feedback.
  public static let functionChain = TemplateKey(
    "backward", "function_chain",
    ["role", "conversation", "response_role", "response_feedback", "variable_span"])
  /// The system prompt for merging the feedback an aggregate received.
  public static let reduceSystem = TemplateKey("backward", "reduce_system")
  /// The request to merge that feedback.
  public static let reduceRequest = TemplateKey("backward", "reduce_request", ["feedback"])
  /// The feedback `Sum` and `Aggregate` hand each input.
  public static let sharedFeedback = TemplateKey("backward", "shared_feedback", ["role", "feedback"])

  /// The optimizer's system prompt.
  public static let optimizerSystem = TemplateKey("optimizer", "system")
  /// The opening of an update request: role, variable and feedback.
  public static let optimizerUpdate = TemplateKey("optimizer", "update", ["role", "variable", "feedback"])
  /// One gradient with the exchange it came from.
  public static let optimizerFeedback = TemplateKey(
    "optimizer", "feedback", ["conversation", "response_role", "role", "feedback"])
  /// One gradient without an exchange.
  public static let optimizerFeedbackAlone = TemplateKey("optimizer", "feedback_alone", ["feedback"])
  /// The feedback of earlier steps (gradient memory).
  public static let optimizerPastFeedback = TemplateKey("optimizer", "past_feedback", ["feedback"])
  /// The constraints a new value must respect.
  public static let optimizerConstraints = TemplateKey("optimizer", "constraints", ["constraints"])
  /// Examples a new value should take after.
  public static let optimizerExamples = TemplateKey("optimizer", "examples", ["role", "examples"])
  /// The closing of an update request: the answer format.
  public static let optimizerFormat = TemplateKey("optimizer", "format", ["open", "close"])
  /// The reminder sent when the optimizer's reply lacks the tags.
  public static let optimizerReminder = TemplateKey("optimizer", "reminder", ["open", "close"])

  /// The system prompt of every merge request.
  public static let aggregateSystem = TemplateKey("aggregate", "system")
  /// The request to merge client prompts keeping all their information.
  public static let aggregateSummarize = TemplateKey(
    "aggregate", "summarize", ["prompts", "open", "close"])
  /// The same request, under the Uniform Information Density principle.
  public static let aggregateUID = TemplateKey("aggregate", "uid", ["prompts", "open", "close"])

  /// The role of the prompt a client or a run optimises.
  public static let promptRole = TemplateKey("roles", "prompt")
  /// The role of a question sent to the forward model.
  public static let questionRole = TemplateKey("roles", "question")
  /// The role of an example's correct answer.
  public static let answerRole = TemplateKey("roles", "answer")
  /// The role of the forward model's response.
  public static let responseRole = TemplateKey("roles", "response")
  /// What the exact-match loss tells the feedback engine it measures.
  public static let lossPurpose = TemplateKey("roles", "loss_purpose")

  /// Every template, in the order `help(templates)` lists them.
  public static let all: [TemplateKey] =
    TaskName.allCases.map(startingPrompt) + TaskName.allCases.map(answerFormat) + [
      forwardUser, judgeSystem, judgeInstruction, judgeRequest, judgeReminder,
      backwardSystem, backwardConversation, backwardBase, backwardChain, backwardSpan,
      functionConversation, functionInput, functionBase, functionChain, reduceSystem,
      reduceRequest, sharedFeedback,
      optimizerSystem, optimizerUpdate, optimizerFeedback, optimizerFeedbackAlone,
      optimizerPastFeedback, optimizerConstraints, optimizerExamples, optimizerFormat,
      optimizerReminder,
      aggregateSystem, aggregateSummarize, aggregateUID,
      promptRole, questionRole, answerRole, responseRole, lossPurpose,
    ]

  /// The groups, in order.
  public static var groups: [String] {
    var seen: Set<String> = []
    return all.map(\.group).filter { seen.insert($0).inserted }
  }
}
