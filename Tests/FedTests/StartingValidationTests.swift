import Foundation
import Testing
import TextGrad

@testable import Fed

@Suite struct StartingValidationTests {
  @Test func theStartingPromptIsValidatedWhileRoundZeroTrains() async throws {
    let engine = HoldingEngine(Fixtures.engine())
    let configuration = RunConfiguration(runID: "overlap", rounds: 2, steps: 2, batchSize: 2)
    let result = try await FederatedRun.homogeneous(
      task: Fixtures.task(), clientCount: 2, forwardEngine: engine, backwardEngine: engine,
      aggregator: ConcatAggregator(), configuration: configuration
    ).run()
    // Validation calls of the starting prompt are held until a training call arrives; run
    // one after the other they would have waited out the hold.
    #expect(engine.heldTooLong == 0)
    #expect(result.initialValidationAccuracy == 0.5)

    // The six validation calls count toward the run, not toward round 0.
    let validationCalls = Fixtures.task().val.count
    let testCalls = result.bestPrompt == result.lastPrompt ? 6 : 12
    let roundCalls = result.rounds.map(\.usage.calls).reduce(0, +)
    #expect(result.usage.calls == engine.usage.calls)
    #expect(result.usage.calls == validationCalls + roundCalls + testCalls)
    #expect(result.rounds[0].usage.calls == result.rounds[1].usage.calls)
  }
}

/// Holds requests for validation questions under the starting prompt until a request for a
/// training question has arrived, or 5 seconds have passed (counted in `heldTooLong`).
final class HoldingEngine: LanguageModel, @unchecked Sendable {
  let inner: ScriptedEngine
  private let lock = NSLock()
  private var sawTraining = false
  private var timeouts = 0

  init(_ inner: ScriptedEngine) { self.inner = inner }
  var model: String { inner.model }
  var usage: EngineUsage { inner.usage }
  var heldTooLong: Int { lock.withLock { timeouts } }

  func complete(_ request: ChatRequest) async throws -> ChatResponse {
    let system = request.messages.first { $0.role == .system }?.content ?? ""
    let user = request.messages.last { $0.role == .user }?.content ?? ""
    let number = user.hasPrefix("Question ") ? Int(user.dropFirst("Question ".count)) : nil
    if let number, number < 100 { lock.withLock { sawTraining = true } }
    if let number, (100..<200).contains(number), system == Fixtures.task().startingSystemPrompt {
      let deadline = ContinuousClock.now + .seconds(5)
      while !lock.withLock({ sawTraining }) {
        guard ContinuousClock.now < deadline else {
          lock.withLock { timeouts += 1 }
          break
        }
        try await Task.sleep(for: .milliseconds(5))
      }
    }
    return try await inner.complete(request)
  }
}
