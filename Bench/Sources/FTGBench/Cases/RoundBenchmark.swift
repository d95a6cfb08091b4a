import Fed
import Foundation
import TextGrad

/// One federated round of K clients (2 local steps on batches of 3, UID aggregation), with
/// the clients concurrent and then one after another.
///
/// The critical-path bound is one client's chain of dependent calls: each local step is
/// forward answers, feedback on each answer, feedback on the prompt, the optimizer and the
/// re-scoring of the batch (5 calls deep, whatever the batch size, when the in-flight limit
/// lets a batch go out at once), and the merge is one more call. The clients one after another
/// cost K chains.
struct RoundBenchmark {
  let clients: Int
  let steps = 2
  let batch = 3

  func run(_ context: BenchContext) async throws -> [BenchResult] {
    let task = try await TaskLoader(locator: .fromEnvironment(context.environment)).load(.objectCounting)
    let shards = try Partition.iid(task, clients: clients)
    let chain = Double(steps * 5) * context.latencySeconds
    let merge = context.latencySeconds
    let concurrent = try await time(context, shards, task, oneAtATime: false)
    let sequential = try await time(context, shards, task, oneAtATime: true)
    let expectedCalls = 2 * (shards.reduce(0) { $0 + steps * (4 * min(batch, $1.examples.count) + 1) } + 1)
    let calls = try await context.serverStats().requests
    let check = calls == expectedCalls ? "" : "; \(calls) calls, the model expected \(expectedCalls)"
    return [
      BenchResult(
        name: "round-\(clients)", figure: concurrent, unit: "s", bound: chain + merge, maxRatio: 1.1,
        detail: "\(clients) clients at once, in-flight limit \(clients * batch)\(check)"),
      BenchResult(
        name: "round-\(clients)-one-by-one", figure: sequential, unit: "s",
        bound: Double(clients) * chain + merge,
        detail: String(format: "%.1fx the concurrent round", sequential / concurrent)),
    ]
  }

  /// Seconds one round takes, from fresh clients to the merged prompt.
  private func time(
    _ context: BenchContext, _ shards: [Shard], _ task: TaskDefinition, oneAtATime: Bool
  ) async throws -> Double {
    let engine = try context.engine(limit: clients * batch)
    let members = shards.map { Client(id: $0.index, shard: $0, forwardEngine: engine, backwardEngine: engine) }
    let aggregator = LanguageModelAggregator(style: .uid, engine: engine)
    let round = FederatedRound(steps: steps, batchSize: batch)
    let started = ContinuousClock.now
    if oneAtATime {
      var prompts: [String] = []
      for member in members {
        let record = try await round.train([member], round: 0, from: task.startingSystemPrompt) { _ in }
        prompts += record.map(\.prompt)
      }
      let context = AggregationContext(answerFormatInstructions: members.map(\.shard.task.answerFormatInstruction))
      _ = try await aggregator.aggregate(prompts, context: context)
    } else {
      _ = try await round.run(members, aggregator: aggregator, from: task.startingSystemPrompt)
    }
    return (ContinuousClock.now - started).seconds
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
