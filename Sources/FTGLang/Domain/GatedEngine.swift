import TextGrad

/// An engine whose calls go through the session's `CallGate`.
///
/// It gives a default answer length and top-p to requests that set none (FedTextGrad's engines
/// send `max_tokens` 2000 and `top_p` 0.99 with every request). It counts the answers it gives,
/// replayed ones too (as cache hits), so a run's usage is the same whether its calls ran live or
/// replayed; only the count of answers shared with an identical request in flight (single
/// flight, below the gate) is live's alone.
final class GatedEngine: LanguageModel {
  let base: any LanguageModel
  let gate: CallGate
  let defaultMaxTokens: Int?
  let defaultTopP: Double?
  let defaultFrequencyPenalty: Double?
  /// How many of the latest tokens the penalties count, for requests that set none.
  let defaultPenaltyWindow: Int?
  /// A grammar given to optimizer requests that carry none (llama.cpp's servers).
  let optimizerGrammar: String?
  /// What the engine's tokens cost, when known.
  let price: ModelPrice?
  private let meter = UsageMeter()

  init(
    base: any LanguageModel, gate: CallGate, defaultMaxTokens: Int? = nil, defaultTopP: Double? = nil,
    defaultFrequencyPenalty: Double? = nil, defaultPenaltyWindow: Int? = nil,
    optimizerGrammar: String? = nil, price: ModelPrice? = nil
  ) {
    self.base = base
    self.gate = gate
    self.defaultMaxTokens = defaultMaxTokens
    self.defaultTopP = defaultTopP
    self.defaultFrequencyPenalty = defaultFrequencyPenalty
    self.defaultPenaltyWindow = defaultPenaltyWindow
    self.optimizerGrammar = optimizerGrammar
    self.price = price
  }

  var model: String { base.model }
  var usage: EngineUsage {
    var usage = meter.snapshot
    let underlying = base.usage
    usage.failures = underlying.failures
    usage.retries = underlying.retries
    usage.sharedHits = underlying.sharedHits
    return usage
  }

  func complete(_ request: ChatRequest) async throws -> ChatResponse {
    if let dryRun = CallGate.estimating {
      // An estimate's answers are not usage: no model gave them. A request the record or the
      // response cache already answers would cost nothing.
      let request = withDefaults(request)
      if await gate.holdsAnswer(to: request, in: base) { dryRun.noteAlreadyAnswered() }
      return try await ModelPrice.$current.withValue(price) { try await gate.complete(request, with: base) }
    }
    let answer = try await gate.complete(withDefaults(request), with: base, price: price)
    meter.recordAnswer(answer)
    return answer
  }

  private func withDefaults(_ request: ChatRequest) -> ChatRequest {
    var request = request
    if request.maxTokens == nil { request.maxTokens = defaultMaxTokens }
    if request.topP == nil { request.topP = defaultTopP }
    if request.frequencyPenalty == nil { request.frequencyPenalty = defaultFrequencyPenalty }
    if request.penaltyWindow == nil { request.penaltyWindow = defaultPenaltyWindow }
    if request.grammar == nil, CallRole.current == .optimizer { request.grammar = optimizerGrammar }
    return request
  }
}
