import Foundation

/// A multi-field evaluation whose reply must carry a score between tags, such as
/// `<ACCURACY>1</ACCURACY>`.
///
/// A reply without the tags is answered once with a reminder, in the same conversation; if
/// the second reply has them, it becomes the evaluation's value (the first stays in its
/// history). Otherwise the result carries a `MissingScoreTags` failure and `missingScores`
/// goes up by one. TextGrad raises an `IndexError` there; this never crashes or throws for it.
///
/// It is a final class so that the failure count is shared by concurrent evaluations; the
/// count sits behind a lock.
public final class TokenParsedEvaluation: @unchecked Sendable {
  /// The evaluation that builds the prompt and asks the engine.
  public let evaluation: MultiFieldEvaluation
  /// The tag before the score.
  public let openTag: String
  /// The tag after the score.
  public let closeTag: String
  private let lock = NSLock()
  private var failures = 0

  /// An evaluation whose score stands between `openTag` and `closeTag`.
  public init(evaluation: MultiFieldEvaluation, openTag: String, closeTag: String) {
    self.evaluation = evaluation
    self.openTag = openTag
    self.closeTag = closeTag
  }

  /// How many evaluations ended without a score, after their reminder.
  public var missingScores: Int { lock.withLock { failures } }

  /// Evaluates the inputs and reads the score from the reply.
  ///
  /// Throws only what the engine throws or `GraphError` for wrong inputs.
  public func forward(_ inputs: [Variable]) async throws -> ScoredEvaluation {
    let response = try await evaluation.forward(inputs)
    if let score = taggedSpan(in: response.value, open: openTag, close: closeTag) {
      return ScoredEvaluation(response: response, outcome: .success(score))
    }
    let call = evaluation.formattedCall.call
    var messages: [ChatMessage] = []
    if let system = call.systemPrompt { messages.append(.system(system.value)) }
    messages += [
      .user(try evaluation.prompt(for: inputs)), .assistant(response.value),
      .user(GraphPrompts.scoreTagReminder(open: openTag, close: closeTag)),
    ]
    let retry = try await call.engine.complete(
      messages, temperature: call.temperature, maxTokens: call.maxTokens, seed: call.seed)
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
