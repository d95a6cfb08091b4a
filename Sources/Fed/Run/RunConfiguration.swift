import Foundation

/// The settings of a run that are not its clients, tasks or aggregator.
public struct RunConfiguration: Sendable, Hashable {
  /// Names the run's folder `runs/<runID>/` under `directory`.
  public var runID: String
  /// Rounds (federated) or epochs (centralized).
  public var rounds: Int
  /// Local TGD steps per client per round (centralized: steps per epoch).
  public var steps: Int
  /// Examples per batch.
  public var batchSize: Int
  /// When a client keeps an update after re-scoring its batch.
  public var updateRule: UpdateRule
  /// How many rounds make one epoch of the clients' batch loaders (see `FederatedRound`).
  public var roundsPerEpoch: Int
  /// Which clients take part in each round.
  public var selection: ClientSelection
  /// Seed of batch sampling and client selection.
  public var seed: Int
  /// Most examples asked about at once, per evaluation and per batch (the engines' own
  /// in-flight limits bound what is sent).
  public var concurrency: Int
  /// Where run folders go; `nil` writes no checkpoint and no log.
  public var directory: URL?
  /// Whether an existing checkpoint of this run id is continued (true) or replaced.
  public var resume: Bool
  /// Whether spans of a client's training data (`LeakScanner`) are cut out of its prompt
  /// before the prompt leaves the client for the server.
  public var redact = false
  /// Seconds a round waits for its clients before merging those done (nil: all).
  public var deadline: Double?

  /// A configuration; by default FedTextGrad's: 3 rounds of 4 steps on batches of 3, updates
  /// kept only if they improve the batch, seed 42, every client.
  public init(
    runID: String, rounds: Int = 3, steps: Int = 4, batchSize: Int = 3,
    updateRule: UpdateRule = .improve, roundsPerEpoch: Int = 1,
    selection: ClientSelection = .all, seed: Int = 42,
    concurrency: Int = Evaluation.defaultConcurrency, directory: URL? = nil, resume: Bool = true
  ) {
    self.runID = runID
    self.rounds = rounds
    self.steps = steps
    self.batchSize = batchSize
    self.updateRule = updateRule
    self.roundsPerEpoch = max(1, roundsPerEpoch)
    self.selection = selection
    self.seed = seed
    self.concurrency = concurrency
    self.directory = directory
    self.resume = resume
  }

  /// The run's folder, when the run writes files.
  public var runFolder: URL? {
    directory?.appendingPathComponent("runs").appendingPathComponent(runID)
  }

  /// Checks the counts and the selection.
  func validate() throws {
    for (name, value) in [("rounds", rounds), ("steps", steps), ("batch size", batchSize)]
    where value < 1 {
      throw FedError.invalidCount(name: name, value: value)
    }
    try selection.validate()
  }
}
