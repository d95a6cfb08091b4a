import Foundation

/// The embedded model as an engine that starts its server only when the first request comes,
/// so a notebook replayed from its record never starts (or needs) the model.
public final class LocalEngine: LanguageModel, @unchecked Sendable {
  private let server: LocalModelServer
  private let lock = NSLock()
  private var started: OpenAICompatibleEngine?

  /// An engine for `server`, which starts on the first request.
  public init(server: LocalModelServer) {
    self.server = server
  }

  /// The model file's name.
  public var model: String { server.files.modelName }
  /// The calls answered so far (none before the server started).
  public var usage: EngineUsage { lock.withLock { started?.usage ?? EngineUsage() } }

  /// Starts the server if it has not started, then asks it.
  public func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try await engine().complete(request)
  }

  private func engine() async throws -> OpenAICompatibleEngine {
    if let started = lock.withLock({ started }) { return started }
    let engine = try await server.engine()
    lock.withLock { started = started ?? engine }
    return engine
  }
}
