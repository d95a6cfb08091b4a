import TextGrad

/// An engine that counts the answers it passes on, so the usage of one activity (the
/// starting prompt's validation, running alongside round 0) can be told apart from the rest
/// of the calls the same engine serves.
final class MeteredEngine: LanguageModel {
  let base: any LanguageModel
  private let meter = UsageMeter()

  init(_ base: any LanguageModel) { self.base = base }

  var model: String { base.model }

  /// The calls, tokens and failures that went through this wrapper (retries stay the base's).
  var usage: EngineUsage { meter.snapshot }

  func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try await meter.measure { try await base.complete(request) }
  }
}
