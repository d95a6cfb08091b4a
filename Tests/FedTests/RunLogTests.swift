import Foundation
import Testing
import TextGrad

@testable import Fed

@Suite struct RunLogTests {
  @Test func theLogHoldsOneEventPerLineForEveryStep() async throws {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let engine = Fixtures.engine()
    let configuration = RunConfiguration(
      runID: "logged", rounds: 2, steps: 2, batchSize: 2, directory: folder)
    let run = try FederatedRun.homogeneous(
      task: Fixtures.task(), clientCount: 2, forwardEngine: engine, backwardEngine: engine,
      aggregator: ConcatAggregator(), configuration: configuration)
    let seen = EventList()
    let result = try await run.run { seen.append($0) }

    let url = folder.appendingPathComponent("runs/logged/log.jsonl")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    let events = try lines.map { try JSONDecoder().decode(RunEvent.self, from: Data($0.utf8)) }
    #expect(events == seen.events)
    let kinds = events.map(\.kind)
    #expect(kinds.first == .runStarted && kinds.last == .runFinished)
    #expect(kinds.filter { $0 == .roundStarted }.count == 2)
    #expect(kinds.filter { $0 == .aggregation }.count == 2)
    #expect(kinds.filter { $0 == .validation }.count == 2)
    #expect(kinds.filter { $0 == .roundFinished }.count == 2)
    #expect(kinds.filter { $0 == .test }.count >= 1)
    let steps = events.filter { $0.kind == .clientStep }
    #expect(steps.count == 2 * 2 * 2)
    let step = try #require(steps.first)
    #expect(step.accuracyBefore != nil && step.accuracyAfter != nil && step.kept != nil)
    #expect(
      step.gradients?.isEmpty == false && step.prompt != nil && step.task == "object_counting")
    let stepCalls = steps.compactMap { $0.usage?.calls }
    #expect(stepCalls.count == steps.count && stepCalls.allSatisfy { $0 > 0 })
    let aggregation = try #require(events.first { $0.kind == .aggregation })
    #expect(aggregation.prompt == result.rounds[0].aggregatedPrompt)
    #expect(events.last?.usage == result.usage)
    #expect(lines.allSatisfy { !$0.contains("\n") && $0.hasPrefix("{") })
  }
}

/// Collects events from a progress callback.
final class EventList: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [RunEvent] = []
  var events: [RunEvent] { lock.withLock { stored } }
  func append(_ event: RunEvent) { lock.withLock { stored.append(event) } }
}
