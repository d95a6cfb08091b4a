import Foundation
import TextGrad

/// One participant of a federated run: its shard, its engines, its prompt and its optimizer.
///
/// The forward engine answers the task's questions (FedTextGrad's "test" engine); the backward
/// engine writes feedback, rewrites the prompt and, for tasks scored by a judge, judges the
/// answers (its "evaluation" engine). A client runs one local step at a time; different
/// clients run concurrently. The kept/reverted counters sit behind a lock.
public final class Client: @unchecked Sendable {
  /// The client's number in its run, from 0.
  public let id: Int
  /// The examples the client trains on, and their task.
  public let shard: Shard
  /// The engine that answers questions under the client's prompt.
  public let forwardEngine: any LanguageModel
  /// The engine that writes feedback and prompt updates.
  public let backwardEngine: any LanguageModel
  /// The prompt the client optimises.
  public let prompt: Variable
  /// The TGD optimizer of `prompt`.
  public let optimizer: TextualGradientDescent
  /// How the client's answers are scored (the task's rule or its judge).
  public let scorer: ResponseScorer
  /// The texts of every request the client makes.
  public let templates: PromptTemplates

  private let lock = NSLock()
  private var keptCount = 0
  private var revertedCount = 0

  /// A client for `shard`, starting from `startingPrompt` (the task's own by default), its
  /// prompt's role and every request's wording taken from `templates`.
  public init(
    id: Int, shard: Shard, forwardEngine: any LanguageModel, backwardEngine: any LanguageModel,
    startingPrompt: String? = nil, templates: PromptTemplates = .ftg,
    constraints: [String] = [], gradientMemory: Int = 0
  ) {
    self.id = id
    self.shard = shard
    self.forwardEngine = forwardEngine
    self.backwardEngine = backwardEngine
    self.templates = templates
    self.prompt = Variable(
      startingPrompt ?? shard.task.startingSystemPrompt, role: templates[.promptRole])
    self.optimizer = TextualGradientDescent(
      parameters: [prompt], engine: backwardEngine, constraints: constraints,
      gradientMemory: gradientMemory, templates: templates)
    self.scorer = ResponseScorer(
      task: shard.task, judgeEngine: backwardEngine, templates: templates)
  }

  /// The same client (shard, engines, wording) starting from `prompt`, with fresh counters.
  public func restarted(from prompt: String, id: Int? = nil) -> Client {
    Client(
      id: id ?? self.id, shard: shard, forwardEngine: forwardEngine,
      backwardEngine: backwardEngine, startingPrompt: prompt, templates: templates,
      constraints: optimizer.constraints, gradientMemory: optimizer.gradientMemory)
  }

  /// Updates this client kept after re-scoring its batch.
  public var keptUpdates: Int { lock.withLock { keptCount } }
  /// Updates this client undid after re-scoring its batch.
  public var revertedUpdates: Int { lock.withLock { revertedCount } }

  /// Counts one kept or reverted update.
  func count(kept: Bool) {
    lock.withLock {
      if kept { keptCount += 1 } else { revertedCount += 1 }
    }
  }

  /// Sets the counters, when a run resumes from a checkpoint.
  func restoreCounts(kept: Int, reverted: Int) {
    lock.withLock {
      keptCount = kept
      revertedCount = reverted
    }
  }
}
