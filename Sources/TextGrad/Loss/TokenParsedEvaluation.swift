import Foundation

/// An evaluation by a language model whose reply must carry a score between tags, such as
/// `<ACCURACY>1</ACCURACY>`: a formatted call (the LLM judge) or a multi-field evaluation.
///
/// A reply without the tags is answered once with a reminder, in the same conversation; if
/// the second reply has them, it becomes the evaluation's value (the first stays in its
/// history). Otherwise the result carries a `MissingScoreTags` failure and `missingScores`
/// goes up by one. TextGrad raises an `IndexError` there; this never crashes or throws for it.
///
/// It is a final class so that the failure count is shared by concurrent evaluations; the
/// count sits behind a lock.
public final class TokenParsedEvaluation: @unchecked Sendable {
  /// The call that builds the prompt from named fields and asks the engine.
  public let call: FormattedLLMCall
  /// The role of the evaluation's reply, as feedback requests name it.
  public let responseRole: String
  /// The tag before the score.
  public let openTag: String
  /// The tag after the score.
  public let closeTag: String
  private let fieldNames: [String]
  private let instruction: (field: String, variable: Variable)?
  private let lock = NSLock()
  private var failures = 0

  /// An evaluation by `call` whose score stands between `openTag` and `closeTag`.
  public init(call: FormattedLLMCall, responseRole: String, openTag: String, closeTag: String) {
    self.call = call
    self.responseRole = responseRole
    self.openTag = openTag
    self.closeTag = closeTag
    self.fieldNames = call.fields
    self.instruction = nil
  }

  /// A multi-field evaluation whose score stands between `openTag` and `closeTag`; its
  /// `forward` takes one input per field name, in order.
  public init(evaluation: MultiFieldEvaluation, openTag: String, closeTag: String) {
    self.call = evaluation.formattedCall
    self.responseRole = GraphPrompts.evaluationRole(of: evaluation.fieldNames.joined(separator: ", "))
    self.openTag = openTag
    self.closeTag = closeTag
    self.fieldNames = evaluation.fieldNames
    self.instruction = (MultiFieldEvaluation.instructionField, evaluation.instruction)
  }

  /// How many evaluations ended without a score, after their reminder.
  public var missingScores: Int { lock.withLock { failures } }

  /// Evaluates the inputs, one per field name in order, and reads the score from the reply.
  ///
  /// Throws only what the engine throws or `GraphError` for wrong inputs.
  public func forward(_ inputs: [Variable]) async throws -> ScoredEvaluation {
    guard inputs.count == fieldNames.count else {
      throw GraphError.fieldCountMismatch(expected: fieldNames.count, given: inputs.count)
    }
    var fields = Dictionary(uniqueKeysWithValues: zip(fieldNames, inputs))
    if let instruction { fields[instruction.field] = instruction.variable }
    return try await forward(fields)
  }

  /// Evaluates the named fields and reads the score from the reply.
  public func forward(_ fields: [String: Variable]) async throws -> ScoredEvaluation {
    let response = try await call.forward(fields, responseRole: responseRole)
    if let score = taggedSpan(in: response.value, open: openTag, close: closeTag) {
      return ScoredEvaluation(response: response, outcome: .success(score))
    }
    let base = call.call
    var messages: [ChatMessage] = []
    if let system = base.systemPrompt { messages.append(.system(system.value)) }
    messages += [
      .user(try call.render(fields)), .assistant(response.value),
      .user(base.templates.render(.judgeReminder, ["open": openTag, "close": closeTag])),
    ]
    let request = ChatRequest(
      model: base.engine.model, messages: messages, temperature: base.temperature,
      maxTokens: base.maxTokens, seed: base.seed)
    let retry = try await CallRole.during(base.role ?? CallRole.current) {
      try await base.engine.complete(request)
    }
    if let score = taggedSpan(in: retry.text, open: openTag, close: closeTag) {
      response.update(to: retry.text)
      return ScoredEvaluation(response: response, outcome: .success(score))
    }
    lock.withLock { failures += 1 }
    let failure = MissingScoreTags(openTag: openTag, closeTag: closeTag, reply: retry.text)
    return ScoredEvaluation(response: response, outcome: .failure(failure))
  }
}

/// The result of a `TokenParsedEvaluation`: the evaluation variable and the score read from it.
public struct ScoredEvaluation: Sendable {
  /// The evaluation, usable as a loss whether or not a score was found.
  public let response: Variable
  /// The text between the tags, or why there was none.
  public let outcome: Result<String, MissingScoreTags>

  /// The score text, or nil when the reply had no tags.
  public var score: String? { try? outcome.get() }
}

/// An evaluation reply that still lacked its score tags after a reminder.
public struct MissingScoreTags: Error, Hashable, Sendable, CustomStringConvertible {
  /// The tag expected before the score.
  public let openTag: String
  /// The tag expected after the score.
  public let closeTag: String
  /// The last reply received.
  public let reply: String

  /// Says which tags were missing and how the reply began.
  public var description: String {
    "evaluation reply has no score between \(openTag) and \(closeTag): \(reply.prefix(200))"
  }
}
