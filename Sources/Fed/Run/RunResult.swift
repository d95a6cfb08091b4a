import TextGrad

/// Everything a finished run produced.
public struct RunResult: Sendable, Hashable, Codable {
  /// The run's id.
  public var runID: String
  /// The protocol it followed.
  public var kind: ExperimentKind
  /// The prompt the run started from.
  public var startingPrompt: String
  /// Validation accuracy of the starting prompt.
  public var initialValidationAccuracy: Double
  /// One record per finished round, in order.
  public var rounds: [RoundRecord]
  /// The global prompt after the last round.
  public var lastPrompt: String
  /// The prompt with the best validation accuracy (the earliest on ties, the starting prompt
  /// if no round beat it).
  public var bestPrompt: String
  /// Its validation accuracy.
  public var bestValidationAccuracy: Double
  /// The round that produced it, `nil` for the starting prompt.
  public var bestRound: Int?
  /// Test accuracy of the last prompt, per task.
  public var lastTestAccuracy: [TaskAccuracy]
  /// Test accuracy of the best prompt, per task.
  public var bestTestAccuracy: [TaskAccuracy]
  /// Kept updates per client id.
  public var keptUpdates: [Int]
  /// Reverted updates per client id.
  public var revertedUpdates: [Int]
  /// Calls and tokens of the whole run, resumed parts included.
  public var usage: UsageTally
  /// Complexity of the last prompt.
  public var lastPromptComplexity: PromptComplexity
  /// Complexity of the best prompt.
  public var bestPromptComplexity: PromptComplexity
  /// The starting prompts' validation and test accuracy per task.
  public var zeroShot: ZeroShot
  /// Answers counted wrong because the judge gave no verdict, even after a reminder.
  public var missingVerdicts: Int
  /// Updates skipped because the optimizer's replies lacked their tags.
  public var skippedUpdates: Int
  /// Every call, per phase, round, client and role: what the run cost and where (nil in results
  /// saved before the ledger existed; a resumed run's ledger misses the calls of rounds
  /// checkpointed before it existed).
  public var ledger: [LedgerRow]?
}
