/// Anything that answers chat requests: a remote server, a cache in front of one, a fake.
///
/// `complete` is cancellable: cancelling the calling task stops the transfer and throws
/// `CancellationError`.
public protocol LanguageModel: Sendable {
  /// The model this engine asks for when a caller does not name one.
  var model: String { get }
  /// Answers one request.
  func complete(_ request: ChatRequest) async throws -> ChatResponse
  /// Answers one request, passing pieces of the answer to `sink` as they are produced.
  func complete(_ request: ChatRequest, streamingTo sink: @escaping TextSink) async throws
    -> ChatResponse
  /// What this engine has done so far: calls, tokens, cache hits, retries.
  var usage: EngineUsage { get }
}

extension LanguageModel {
  /// Answers at once and hands the whole text to `sink` (for engines that cannot stream).
  public func complete(_ request: ChatRequest, streamingTo sink: @escaping TextSink)
    async throws -> ChatResponse
  {
    let response = try await complete(request)
    sink(response.text)
    return response
  }

  /// Answers a conversation with this engine's own model and the given options.
  public func complete(
    _ messages: [ChatMessage], temperature: Double? = 0, maxTokens: Int? = nil,
    seed: Int? = nil
  ) async throws -> ChatResponse {
    try await complete(
      ChatRequest(
        model: model, messages: messages, temperature: temperature, maxTokens: maxTokens,
        seed: seed))
  }
}
