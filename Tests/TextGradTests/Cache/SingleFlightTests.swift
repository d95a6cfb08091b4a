import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

/// Identical requests in flight at the same time share one call of the engine behind the cache.
@Suite(.timeLimit(.minutes(1))) struct SingleFlightTests {
  /// An engine that holds every call until the test lets it go, and counts the calls it got.
  final class HeldEngine: LanguageModel, @unchecked Sendable {
    let model = "held"
    let release = Latch<Result<String, EngineError>>()
    let cancelled = Latch<Void>()
    private let lock = NSLock()
    private var received = 0
    var usage: EngineUsage { EngineUsage() }

    var calls: Int { lock.withLock { received } }

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
      lock.withLock { received += 1 }
      let outcome = await withTaskCancellationHandler {
        await release.value()
      } onCancel: {
        cancelled.resolve(())
      }
      if Task.isCancelled { throw CancellationError() }
      return ChatResponse(text: try outcome.get(), promptTokens: 7, completionTokens: 3)
    }
  }

  /// A cache in front of `base` that never reads its store (a fresh run), so only single
  /// flight can spare a call, and a latch resolved once `count` callers wait for one request.
  private func engine(over base: HeldEngine, waitingTogether count: Int) -> (CachingEngine, Latch<Void>) {
    let together = Latch<Void>()
    let flights = InFlightRequests { _, waiters in
      if waiters == count { together.resolve(()) }
    }
    let engine = CachingEngine(base: base, store: InMemoryResponseStore(), mode: .refresh, inFlight: flights)
    return (engine, together)
  }

  @Test func fiveIdenticalRequestsInFlightSendOne() async throws {
    let base = HeldEngine()
    let (engine, together) = self.engine(over: base, waitingTogether: 5)
    let answers = try await withThrowingTaskGroup(of: ChatResponse.self) { group in
      for _ in 0..<5 { group.addTask { try await engine.complete(echoRequest("same")) } }
      await together.value()
      base.release.resolve(.success("Answer: 4"))
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(base.calls == 1)
    #expect(answers.map(\.text) == Array(repeating: "Answer: 4", count: 5))
    #expect(answers.filter(\.cached).count == 4)
    #expect(engine.usage.calls == 5)
    #expect(engine.usage.sharedHits == 4)
    #expect(engine.usage.cacheHits == 4)
    // Tokens are paid once: the shared answers' tokens count as cached.
    #expect(engine.usage.promptTokens == 7 && engine.usage.completionTokens == 3)
    #expect(engine.usage.cachedTokens == 40)
  }

  @Test func differentRequestsDoNotShare() async throws {
    let base = HeldEngine()
    let (engine, _) = self.engine(over: base, waitingTogether: 2)
    base.release.resolve(.success("ok"))
    async let first = engine.complete(echoRequest("one"))
    async let second = engine.complete(echoRequest("two"))
    _ = try await (first, second)
    #expect(base.calls == 2)
    #expect(engine.usage.sharedHits == 0)
  }

  @Test func aFailureReachesEveryWaiter() async throws {
    let base = HeldEngine()
    let (engine, together) = self.engine(over: base, waitingTogether: 3)
    let failures = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<3 {
        group.addTask {
          do {
            _ = try await engine.complete(echoRequest("doomed"))
            return false
          } catch {
            return error is EngineError
          }
        }
      }
      await together.value()
      base.release.resolve(.failure(EngineError.emptyChoices(url: "http://127.0.0.1:9/v1")))
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(failures == [true, true, true])
    #expect(base.calls == 1)
    #expect(engine.usage.failures == 3)
  }

  @Test func theCallIsCancelledOnlyWhenEveryWaiterIs() async throws {
    let base = HeldEngine()
    let (engine, together) = self.engine(over: base, waitingTogether: 2)
    let leaving = Task { try await engine.complete(echoRequest("q")) }
    let staying = Task { try await engine.complete(echoRequest("q")) }
    await together.value()
    leaving.cancel()
    base.release.resolve(.success("kept"))
    // The cancelled caller's companion still waited, so the call went on and both got it.
    #expect(try await staying.value.text == "kept")
    #expect(!base.cancelled.isResolved)
    _ = try? await leaving.value

    let alone = HeldEngine()
    let (lonely, bothWaiting) = self.engine(over: alone, waitingTogether: 2)
    let callers = [
      Task { try await lonely.complete(echoRequest("r")) }, Task { try await lonely.complete(echoRequest("r")) },
    ]
    await bothWaiting.value()
    for caller in callers { caller.cancel() }
    await alone.cancelled.value()
    alone.release.resolve(.success("too late"))
    for caller in callers { await #expect(throws: CancellationError.self) { try await caller.value } }
    #expect(alone.calls == 1)
  }
}
