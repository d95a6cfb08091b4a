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
    // Six questions spread over 2 x steps = 4 waves: at most two out at a time (exactly two
    // when the hold binds; when training starts first, they may go one after the other).
    #expect((1...2).contains(engine.mostValidationCallsAtOnce))

    // The zero-shot calls (six validation, six test questions) count toward the run, not
    // toward round 0.
    let zeroShotCalls = Fixtures.task().val.count + Fixtures.task().test.count
    let testCalls = result.bestPrompt == result.lastPrompt ? 6 : 12
    let roundCalls = result.rounds.map(\.usage.calls).reduce(0, +)
    #expect(result.usage.calls == engine.usage.calls)
    #expect(result.usage.calls == zeroShotCalls + roundCalls + testCalls)
    #expect(result.zeroShot.val.map(\.accuracy) == [0.5])
    #expect(result.zeroShot.test.map(\.accuracy) == [0.5])
    #expect(result.rounds[0].usage.calls == result.rounds[1].usage.calls)
  }
}

/// Holds requests for validation questions under the starting prompt until a request for a
/// training question has arrived, or 5 seconds have passed (counted in `heldTooLong`), and
/// counts how many of them were out at once.
final class HoldingEngine: LanguageModel, @unchecked Sendable {
  let inner: ScriptedEngine
  private let lock = NSLock()
  private var sawTraining = false
  private var timeouts = 0
  private var validating = 0
  private var mostValidating = 0

  init(_ inner: ScriptedEngine) { self.inner = inner }
  var model: String { inner.model }
  var usage: EngineUsage { inner.usage }
  var heldTooLong: Int { lock.withLock { timeouts } }
  var mostValidationCallsAtOnce: Int { lock.withLock { mostValidating } }

  func complete(_ request: ChatRequest) async throws -> ChatResponse {
    let system = request.messages.first { $0.role == .system }?.content ?? ""
    let user = request.messages.last { $0.role == .user }?.content ?? ""
    let number = user.hasPrefix("Question ") ? Int(user.dropFirst("Question ".count)) : nil
    if let number, number < 100 { lock.withLock { sawTraining = true } }
    let validation =
      number.map { (100..<200).contains($0) } == true && system == Fixtures.task().startingSystemPrompt
    if validation {
      lock.withLock {
        validating += 1
        mostValidating = max(mostValidating, validating)
      }
    }
    defer { if validation { lock.withLock { validating -= 1 } } }
    if validation {
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
