import Foundation
import TextGrad

/// The embedded model as an engine that starts its server only when the first request comes,
/// so a notebook replayed from its record never starts (or needs) the model.
final class LocalEngine: LanguageModel, @unchecked Sendable {
  private let server: LocalModelServer
  private let lock = NSLock()
  private var started: OpenAICompatibleEngine?

  init(server: LocalModelServer) {
    self.server = server
  }

  var model: String { server.files.modelName }
  var usage: EngineUsage { lock.withLock { started?.usage ?? EngineUsage() } }

  func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try await engine().complete(request)
  }

  private func engine() async throws -> OpenAICompatibleEngine {
    if let started = lock.withLock({ started }) { return started }
    let engine = try await server.engine()
    lock.withLock { started = started ?? engine }
    return engine
  }
}
