/// What a model call is for: answering a question while training, judging an answer,
/// writing feedback, rewriting a variable, merging client prompts, or answering a question
/// while a prompt is evaluated.
///
/// The role travels with the calling task (a task-local value, inherited by child tasks), so
/// the code that makes a call says what it is for once and every engine layer underneath can
/// count it, without the role becoming part of the request or of its cache key.
public enum CallRole: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable,
  Comparable
{
  /// A forward call of training: the prompt answers a batch question.
  case forward
  /// An LLM judge deciding whether an answer is right.
  case judge
  /// A feedback request of the backward pass (a textual gradient).
  case backward
  /// The optimizer rewriting a variable.
  case optimizer
  /// The server merging client prompts.
  case merge
  /// A question answered while a prompt is validated or tested.
  case evaluation
  /// Anything else (a call made by hand in the shell).
  case other

  /// The role of the calls the current task makes.
  @TaskLocal public static var current: CallRole = .other

  /// Runs `body` with its calls counted under `role`.
  public static func during<T: Sendable>(
    _ role: CallRole, _ body: () async throws -> T
  ) async rethrows -> T {
    try await $current.withValue(role, operation: body)
  }

  /// Roles in the order tables list them.
  public static func < (lhs: CallRole, rhs: CallRole) -> Bool {
    (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
  }
}

/// The calls of one role: how many, their tokens, how many stopped at their token limit and
/// how many were degenerate (a repeated span filling the reply, `DegenerateReply`).
public struct RoleUsage: Sendable, Hashable, Codable {
  /// Answers received (from a model, a cache or a record).
  public var calls = 0
  /// Prompt and completion tokens of those answers.
  public var tokens = 0
  /// Answers that ended because they reached `max_tokens` (finish reason `length`).
  public var truncated = 0
  /// Answers that were a loop of one repeated span.
  public var degenerate = 0

  /// No calls.
  public init() {}

  /// Counts one answer.
  mutating func add(_ response: ChatResponse) {
    calls += 1
    tokens += response.promptTokens + response.completionTokens
    if response.wasTruncated { truncated += 1 }
    if DegenerateReply.detect(response.text) { degenerate += 1 }
  }

  /// The sum of two tallies.
  public static func + (lhs: RoleUsage, rhs: RoleUsage) -> RoleUsage {
    var sum = lhs
    sum.calls += rhs.calls
    sum.tokens += rhs.tokens
    sum.truncated += rhs.truncated
    sum.degenerate += rhs.degenerate
    return sum
  }

  /// What `lhs` counts beyond `rhs`.
  public static func - (lhs: RoleUsage, rhs: RoleUsage) -> RoleUsage {
    var difference = lhs
    difference.calls -= rhs.calls
    difference.tokens -= rhs.tokens
    difference.truncated -= rhs.truncated
    difference.degenerate -= rhs.degenerate
    return difference
  }
}

extension ChatResponse {
  /// Whether the answer stopped because it reached its token limit.
  public var wasTruncated: Bool { finishReason == "length" }
}
