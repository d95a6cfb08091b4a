import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

/// Budgets reserve a call before it is sent, so a limit holds however many calls are in flight.
@Suite struct CallBudgetTests {
  /// An engine that answers at once with 10 tokens and counts what it was sent.
  final class CountingEngine: LanguageModel, @unchecked Sendable {
    let model = "counting"
    private let lock = NSLock()
    private var received = 0
    var usage: EngineUsage { EngineUsage() }
    var calls: Int { lock.withLock { received } }

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
      lock.withLock { received += 1 }
      return ChatResponse(text: "ok", promptTokens: 6, completionTokens: 4)
    }
  }

  private func request(_ n: Int) -> ChatRequest {
    ChatRequest(model: "counting", messages: [.user("question \(n)")], temperature: 0)
  }

  @Test func aCallLimitHoldsUnderConcurrency() async throws {
    let base = CountingEngine()
    let budget = CallBudget()
    budget.setSessionLimits(.init(calls: 3))
    let engine = BudgetedEngine(base: base, budget: budget)
    let refused = await withTaskGroup(of: Bool.self) { group in
      for n in 0..<10 {
        group.addTask {
          do {
            _ = try await engine.complete(request(n))
            return false
          } catch {
            return error is BudgetExhausted
          }
        }
      }
      return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(base.calls == 3)
    #expect(refused == 7)
    #expect(budget.spent == (calls: 3, tokens: 30))
  }

  @Test func innerBudgetsCountTowardOuterOnesAndCloseCleanly() async throws {
    let base = CountingEngine()
    let budget = CallBudget()
    budget.setSessionLimits(.init(calls: 4))
    let engine = BudgetedEngine(base: base, budget: budget)
    budget.push(.init(calls: 2))
    _ = try await engine.complete(request(0))
    _ = try await engine.complete(request(1))
    do {
      _ = try await engine.complete(request(2))
      Issue.record("the inner budget let a third call through")
    } catch let exhausted as BudgetExhausted {
      #expect(exhausted.reached == .calls)
      #expect(exhausted.description.hasPrefix("budget reached (2 of 2 calls spent under budget(calls: 2))"))
    }
    budget.pop()
    _ = try await engine.complete(request(3))
    _ = try await engine.complete(request(4))
    // The session's 4 calls are spent: 2 inside the block, 2 after it.
    await #expect(throws: BudgetExhausted.self) { try await engine.complete(request(5)) }
    #expect(base.calls == 4)
  }

  @Test func aTokenLimitStopsTheCallsAfterTheOneThatReachedIt() async throws {
    let base = CountingEngine()
    let budget = CallBudget()
    budget.setSessionLimits(.init(tokens: 25))
    let engine = BudgetedEngine(base: base, budget: budget)
    for n in 0..<3 { _ = try await engine.complete(request(n)) }
    let refused = await #expect(throws: BudgetExhausted.self) { try await engine.complete(request(3)) }
    #expect(refused?.reached == .tokens)
    #expect(base.calls == 3)
  }

  /// An engine that holds its answer until released, and logs when it returns.
  final class HeldEngine: LanguageModel, @unchecked Sendable {
    let model = "held"
    let release = Latch<Void>()
    let arrived = Latch<Void>()
    let events = Watched<[String]>([])
    var usage: EngineUsage { EngineUsage() }

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
      arrived.resolve(())
      await release.value()
      events.update { $0.append("answered") }
      return ChatResponse(text: "ok", promptTokens: 1, completionTokens: 1)
    }
  }

  @Test func aRefusedCallFailsOnlyOnceTheCallsInFlightHaveEnded() async throws {
    let base = HeldEngine()
    let budget = CallBudget()
    budget.setSessionLimits(.init(calls: 1))
    let engine = BudgetedEngine(base: base, budget: budget)
    let inFlight = Task { try await engine.complete(request(0)) }
    await base.arrived.value()
    let refused = Task {
      do {
        _ = try await engine.complete(request(1))
      } catch is BudgetExhausted {
        base.events.update { $0.append("refused") }
      }
    }
    base.release.resolve(())
    _ = try await inFlight.value
    _ = try await refused.value
    #expect(base.events.current == ["answered", "refused"])
  }

  @Test func aDollarLimitStopsTheCallsAfterTheOneThatReachedIt() async throws {
    let base = CountingEngine()
    let budget = CallBudget()
    budget.setSessionLimits(.init(usd: 0.00003))
    // 6 prompt and 4 completion tokens a call: $0.000012 at $1 / $1.5 per million.
    let engine = BudgetedEngine(base: base, budget: budget, price: ModelPrice(prompt: 1, completion: 1.5))
    for n in 0..<3 { _ = try await engine.complete(request(n)) }
    let refused = await #expect(throws: BudgetExhausted.self) { try await engine.complete(request(3)) }
    #expect(refused?.reached == .usd)
    let said = refused?.description ?? ""
    #expect(said.hasPrefix("budget reached ($0.000036 of $0.00003 spent under budget(usd: 0.00003))"))
    #expect(base.calls == 3)
  }
}
