import Testing
import TextGrad

@testable import Fed

@Suite struct PartitionTests {
  @Test func iidShardsCoverTheTrainSplitWithEvenSizes() throws {
    let task = Fixtures.task()
    let shards = try Partition.iid(task, clients: 5)
    #expect(shards.map(\.examples.count) == [3, 3, 2, 2, 2])
    #expect(Set(shards.flatMap(\.examples)) == Set(task.train))
    #expect(shards.allSatisfy { $0.task.name == "object_counting" })
  }

  @Test func iidShardsDependOnTheSeedOnly() throws {
    let task = Fixtures.task()
    let first = try Partition.iid(task, clients: 3, seed: 7).map(\.examples)
    let again = try Partition.iid(task, clients: 3, seed: 7).map(\.examples)
    let other = try Partition.iid(task, clients: 3, seed: 8).map(\.examples)
    #expect(first == again)
    #expect(first != other)
  }

  @Test func iidRejectsMoreClientsThanExamples() {
    #expect(throws: FedError.tooManyClients(clients: 13, examples: 12)) {
      try Partition.iid(Fixtures.task(), clients: 13)
    }
  }

  @Test func perTaskGivesOneClientPerTask() throws {
    let tasks = [Fixtures.task(), Fixtures.task(.gsm8k, offset: 50)]
    let shards = try Partition.perTask(tasks)
    #expect(shards.map(\.task.name) == ["object_counting", "gsm8k"])
    #expect(shards[1].examples == tasks[1].train)
  }

  @Test func smallConcentrationSkewsLabels() throws {
    let task = TaskDefinition(
      name: "object_counting", train: Fixtures.examples(0..<90), val: [], test: [],
      startingSystemPrompt: "", answerFormatInstruction: "", scoring: .lastInteger)
    let skewed = try Partition.dirichlet(task, clients: 3, concentration: 0.05, seed: 1)
    let even = try Partition.dirichlet(task, clients: 3, concentration: 1000, seed: 1)
    #expect(skewed.flatMap(\.examples).count == 90)
    #expect(Set(skewed.flatMap(\.examples)) == Set(task.train))
    func labelsPerClient(_ shards: [Shard]) -> Double {
      Double(shards.map { Set($0.examples.map(\.y)).count }.reduce(0, +)) / Double(shards.count)
    }
    #expect(labelsPerClient(skewed) < 2)
    #expect(labelsPerClient(even) == 3)
    #expect(even.allSatisfy { abs($0.examples.count - 30) <= 3 })
    #expect(
      try Partition.dirichlet(task, clients: 3, concentration: 0.05, seed: 1)
        .map(\.examples) == skewed.map(\.examples))
  }

  @Test func dirichletNeedsRepeatedLabelsAndAPositiveConcentration() {
    let unique = TaskDefinition(
      name: "gsm8k", train: (0..<4).map { Example(x: "q\($0)", y: "\($0)") }, val: [], test: [],
      startingSystemPrompt: "", answerFormatInstruction: "", scoring: .lastInteger)
    #expect(throws: FedError.noRepeatedLabels(task: "gsm8k")) {
      try Partition.dirichlet(unique, clients: 2, concentration: 1)
    }
    #expect(throws: FedError.invalidConcentration(0)) {
      try Partition.dirichlet(Fixtures.task(), clients: 2, concentration: 0)
    }
  }

  @Test func selectionDrawsTheRightNumberReproducibly() throws {
    #expect(try ClientSelection.all.select(from: 4, round: 0, seed: 42) == [0, 1, 2, 3])
    let half = try ClientSelection.fraction(0.5).select(from: 10, round: 3, seed: 42)
    #expect(half.count == 5)
    #expect(half == half.sorted())
    #expect(try ClientSelection.fraction(0.5).select(from: 10, round: 3, seed: 42) == half)
    let rounds = try (0..<6).map {
      try ClientSelection.count(2).select(from: 10, round: $0, seed: 42)
    }
    #expect(rounds.allSatisfy { $0.count == 2 })
    #expect(Set(rounds).count > 1)
    #expect(throws: FedError.invalidFraction(1.5)) {
      try ClientSelection.fraction(1.5).select(from: 3, round: 0, seed: 1)
    }
    #expect(throws: FedError.invalidClientCount(0)) {
      try ClientSelection.count(0).select(from: 3, round: 0, seed: 1)
    }
  }
}
