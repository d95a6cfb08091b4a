/// An engine that sends a call only when the session's `CallBudget` has room for it.
///
/// It belongs directly above the engine that sends requests (below any response cache), so
/// only the calls a model answers are counted.
public final class BudgetedEngine: LanguageModel {
  /// The engine that sends the requests.
  public let base: any LanguageModel
  /// The budgets every call must fit.
  public let budget: CallBudget
  /// What the base engine's tokens cost, for budgets in dollars.
  public let price: ModelPrice?

  /// Puts `budget` in front of `base`, whose tokens cost `price` when known.
  public init(base: any LanguageModel, budget: CallBudget, price: ModelPrice? = nil) {
    self.base = base
    self.budget = budget
    self.price = price
  }

  /// The base engine's model.
  public var model: String { base.model }

  /// The base engine's usage: a refused call was never sent.
  public var usage: EngineUsage { base.usage }

  /// Reserves a call, then asks the base engine; throws `BudgetExhausted` when a budget has no
  /// room left, once the calls in flight have ended and before anything is sent.
  public func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try await spending { try await base.complete(request) }
  }

  /// As `complete(_:)`, streaming the answer to `sink`.
  public func complete(_ request: ChatRequest, streamingTo sink: @escaping TextSink) async throws -> ChatResponse {
    try await spending { try await base.complete(request, streamingTo: sink) }
  }

  private func spending(_ call: () async throws -> ChatResponse) async throws -> ChatResponse {
    try await budget.reserve()
    defer { budget.end() }
    let response = try await call()
    budget.spend(response, price: price)
    return response
  }
}
