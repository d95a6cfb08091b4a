import TextGrad

/// A run's progress after its last finished round: what a checkpoint holds.
struct RunState: Sendable, Hashable, Codable {
  /// Settings that must match for a checkpoint to be continued.
  var fingerprint: String
  /// The prompt the run started from.
  var startingPrompt: String
  /// Validation accuracy of the starting prompt.
  var initialValidationAccuracy: Double
  /// Finished rounds.
  var rounds: [RoundRecord] = []
  /// The current global prompt.
  var globalPrompt: String
  /// Validation accuracy of the current global prompt.
  var globalValidationAccuracy: Double
  /// The best prompt so far.
  var bestPrompt: String
  /// Its validation accuracy.
  var bestValidationAccuracy: Double
  /// The round that produced it, `nil` for the starting prompt.
  var bestRound: Int?
  /// Kept updates per client id.
  var keptUpdates: [Int]
  /// Reverted updates per client id.
  var revertedUpdates: [Int]
  /// Calls and tokens spent so far, over every session of the run.
  var usage: UsageTally
  /// The starting prompts' validation accuracy per task, once measured.
  var zeroShotVal: [TaskAccuracy]?
  /// The starting prompts' test accuracy per task, once measured.
  var zeroShotTest: [TaskAccuracy]?
  /// The calls so far, per phase, round, client and role (nil in older checkpoints).
  var ledger: [LedgerRow]?

  /// The next round to run.
  var nextRound: Int { rounds.count }
}
