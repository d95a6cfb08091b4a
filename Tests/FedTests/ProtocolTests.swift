import Testing
import TextGrad

@testable import Fed

/// FedTextGrad's protocol, step by step (docs/protocol.md): defaults, batches, the judge,
/// zero-shot baselines and the heterogeneous selection rule.
@Suite struct ProtocolTests {
  @Test func defaultsAreTheOriginalScriptsOnes() {
    let configuration = RunConfiguration(runID: "defaults")
    #expect(configuration.rounds == 3)
    #expect(configuration.steps == 4)  // `--max_steps 3`: its loops break after the fourth step
    #expect(configuration.batchSize == 3)
    #expect(configuration.updateRule == .improve)  // `--proximal_update`
    let round = FederatedRound()
    #expect(round.steps == 4 && round.updateRule == .improve)
  }

  @Test func anEpochsBatchesDrawEveryExampleOnceBeforeAnyRepeats() {
    let loader = EpochBatches(count: 10, size: 3, seed: 42, client: 0)
    let pass = (0..<4).map { loader.batch(epoch: 0, step: $0) }
    #expect(pass.map(\.count) == [3, 3, 3, 1])
    #expect(Set(pass.flatMap { $0 }) == Set(0..<10))
    // A fifth step starts a new shuffle; another epoch shuffles anew; the seed decides.
    #expect(loader.batch(epoch: 0, step: 4).count == 3)
    #expect(loader.batch(epoch: 1, step: 0) != loader.batch(epoch: 0, step: 0))
    #expect(
      loader.batch(epoch: 0, step: 0) == EpochBatches(count: 10, size: 3, seed: 42, client: 0).batch(epoch: 0, step: 0))
    #expect(
      (0..<3).map { loader.batch(epoch: 0, step: $0) }
        != (0..<3).map { EpochBatches(count: 10, size: 3, seed: 42, client: 1).batch(epoch: 0, step: $0) })
  }

  @Test func aRoundsStepsNeverRepeatAnExampleWhileTheShardLasts() async throws {
    let engine = Fixtures.engine()
    let task = Fixtures.task()
    let client = Client(
      id: 0, shard: Shard(index: 0, task: task, examples: task.train), forwardEngine: engine,
      backwardEngine: engine)
    let outcome = try await FederatedRound(steps: 4, batchSize: 3, updateRule: .always).run(
      [client], aggregator: PassThroughAggregator())
    let questions = outcome.clients[0].steps.flatMap(\.batch)
    #expect(questions.count == 12)
    #expect(Set(questions).count == 12)
  }

  @Test func everyRunMeasuresItsZeroShotValidationAndTest() async throws {
    let engine = Fixtures.engine()
    let result = try await FederatedRun.homogeneous(
      task: Fixtures.task(), clientCount: 2, forwardEngine: engine, backwardEngine: engine,
      aggregator: ConcatAggregator(),
      configuration: RunConfiguration(runID: "zero", rounds: 1, steps: 1, batchSize: 2)
    ).run()
    #expect(result.zeroShot.prompts == [Fixtures.task().startingSystemPrompt])
    #expect(result.zeroShot.val.map(\.task) == ["object_counting"])
    #expect(result.zeroShot.val.map(\.accuracy) == [0.5])
    #expect(result.zeroShot.test.map(\.accuracy) == [0.5])
    let zeroShotTests = engine.requests.filter {
      $0.messages.first?.content == Fixtures.task().startingSystemPrompt
        && ($0.messages.last?.content ?? "").hasPrefix("Question 2")
    }
    #expect(zeroShotTests.count >= 6)
  }

  @Test func heterogeneousRunsMeasureEachTasksOwnPromptAndCanSelectTheFirstTask() async throws {
    let tasks = [
      Fixtures.task(), Fixtures.task(.gsm8k, instruction: Fixtures.otherInstruction, offset: 1),
    ]
    let engine = Fixtures.engine()
    func run(_ selection: TaskSelection) async throws -> RunResult {
      try await FederatedRun.heterogeneous(
        tasks: tasks, forwardEngine: engine, backwardEngine: engine,
        aggregator: DedupConcatAggregator(), selection: selection,
        configuration: RunConfiguration(runID: "h-\(selection)", rounds: 1, steps: 1, batchSize: 2)
      ).run()
    }
    let mean = try await run(.mean)
    #expect(mean.zeroShot.prompts == tasks.map(\.startingSystemPrompt))
    #expect(mean.zeroShot.test.map(\.task) == ["object_counting", "gsm8k"])
    #expect(mean.bestTestAccuracy.map(\.task) == ["object_counting", "gsm8k"])
    // No single starting prompt to beat: the first merged prompt is the first best.
    #expect(mean.bestRound == 0)
    let first = try await run(.first)
    #expect(first.bestTestAccuracy.map(\.task) == ["object_counting"])
    #expect(first.zeroShot.test.map(\.task) == ["object_counting", "gsm8k"])
  }

  @Test func judgedTasksAreJudgedByTheBackwardEngineInTrainingAndEvaluation() async throws {
    let base = Fixtures.task()
    let judged = TaskDefinition(
      name: "multistep_arithmetic_two", train: base.train, val: base.val, test: base.test,
      startingSystemPrompt: base.startingSystemPrompt, answerFormatInstruction: base.answerFormatInstruction,
      scoring: .signedInteger, evaluation: .judge)
    let forward = Fixtures.engine()
    let judge = Fixtures.engine(verdict: "<ACCURACY>1</ACCURACY>")
    let result = try await FederatedRun.homogeneous(
      task: judged, clientCount: 1, forwardEngine: forward, backwardEngine: judge,
      aggregator: ConcatAggregator(),
      configuration: RunConfiguration(runID: "judged", rounds: 1, steps: 1, batchSize: 2)
    ).run()
    // The judge says every answer is right, whatever the string rule would say.
    #expect(result.zeroShot.val.map(\.accuracy) == [1])
    #expect(result.bestTestAccuracy.meanAccuracy == 1)
    #expect(result.usage.roles[.judge]?.calls ?? 0 > 0)
    #expect(forward.requests.allSatisfy { $0.messages.first?.content != PromptTemplates.ftg[.judgeSystem] })
  }
}
