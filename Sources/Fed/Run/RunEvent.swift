import Foundation

/// One thing that happened in a run: what the progress callback receives and what the JSON
/// Lines log stores, one object per line.
///
/// Fields that do not apply to an event's kind are `nil` and left out of the JSON. No field
/// ever holds an engine's key or URL: engines are never described, only their usage counted.
public struct RunEvent: Sendable, Hashable, Codable {
  /// The kinds of events.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// The run began (or resumed: `round` is then the next round to run).
    case runStarted
    /// A round began.
    case roundStarted
    /// A client finished a local step.
    case clientStep
    /// The server merged the client prompts.
    case aggregation
    /// A prompt was scored on the validation split(s).
    case validation
    /// A round finished and was checkpointed.
    case roundFinished
    /// A prompt was scored on a task's test split.
    case test
    /// The run finished.
    case runFinished
  }

  /// What happened.
  public var kind: Kind
  /// The run's id.
  public var runID: String
  /// Seconds since 1970 when the event was made.
  public var time: Double
  /// The round, if the event belongs to one.
  public var round: Int?
  /// The client, for client steps.
  public var client: Int?
  /// The local step, for client steps.
  public var step: Int?
  /// The task, for client steps and test results.
  public var task: String?
  /// Batch accuracy before the update.
  public var accuracyBefore: Double?
  /// Batch accuracy after the update.
  public var accuracyAfter: Double?
  /// Whether the update was kept.
  public var kept: Bool?
  /// The prompt the event concerns (after a step, the merged one, the one validated...).
  public var prompt: String?
  /// The feedback of a client step.
  public var gradients: [String]?
  /// Validation or test accuracy.
  public var accuracy: Double?
  /// Which prompt a test scored: `last` or `best`.
  public var which: String?
  /// Run totals so far: calls, tokens, cache hits.
  public var usage: UsageTally?

  /// An event of `kind` for run `runID`, stamped now; set the other fields as needed.
  public init(_ kind: Kind, runID: String, round: Int? = nil) {
    self.kind = kind
    self.runID = runID
    self.time = Date().timeIntervalSince1970
    self.round = round
  }
}
