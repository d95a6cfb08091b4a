import Foundation
import Testing
import TextGrad

@testable import Fed

@Suite struct CheckpointTests {
  private func run(directory: URL, rounds: Int = 3) throws -> FederatedRun {
    let engine = Fixtures.engine(insert: Fixtures.marker)
    let configuration = RunConfiguration(
      runID: "resumable", rounds: rounds, steps: 1, batchSize: 2, selection: .count(2),
      directory: directory)
    return try FederatedRun.homogeneous(
      task: Fixtures.task(), clientCount: 3, forwardEngine: engine, backwardEngine: engine,
      aggregator: LanguageModelAggregator(style: .summarize, engine: engine),
      configuration: configuration)
  }

  @Test func aCancelledRunResumesWithNothingLost() async throws {
    let straightFolder = Fixtures.temporaryFolder()
    let resumedFolder = Fixtures.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: straightFolder)
      try? FileManager.default.removeItem(at: resumedFolder)
    }
    let straight = try await run(directory: straightFolder).run()

    let interrupted = try run(directory: resumedFolder)
    let handle = TaskHandle()
    let task = Task {
      try await interrupted.run { event in
        if event.kind == .roundFinished, event.round == 0 { handle.cancel() }
        if event.kind == .clientStep, event.round == 1 { Issue.record("ran past the cancel") }
      }
    }
    handle.set(task)
    await #expect(throws: CancellationError.self) { try await task.value }

    let folder = resumedFolder.appendingPathComponent("runs/resumable")
    let saved = try #require(try Checkpoint(folder: folder).load())
    #expect(saved.rounds.count == 1)

    let resumed = try await run(directory: resumedFolder).run()
    #expect(resumed == straight)
  }

  @Test func aCheckpointOfOtherSettingsIsRefused() async throws {
    let folder = Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try await run(directory: folder, rounds: 1).run()
    let engine = Fixtures.engine()
    let other = try FederatedRun.homogeneous(
      task: Fixtures.task(), clientCount: 2, forwardEngine: engine, backwardEngine: engine,
      aggregator: ConcatAggregator(),
      configuration: RunConfiguration(runID: "resumable", directory: folder))
    await #expect(throws: FedError.self) { try await other.run() }
  }
}

/// Holds a task so a progress callback can cancel it.
final class TaskHandle: @unchecked Sendable {
  private let lock = NSLock()
  private var task: Task<RunResult, any Error>?
  private var cancelled = false

  func set(_ task: Task<RunResult, any Error>) {
    lock.withLock {
      self.task = task
      if cancelled { task.cancel() }
    }
  }

  func cancel() {
    lock.withLock {
      cancelled = true
      task?.cancel()
    }
  }
}
