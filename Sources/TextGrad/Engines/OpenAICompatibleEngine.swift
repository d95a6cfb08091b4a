import CCurl
import Foundation

/// An engine that talks to any OpenAI-compatible server: `POST {base}/chat/completions`.
///
/// Serves OpenAI, Ollama, vLLM, SGLang, llama.cpp's server and hosted gateways. Transfers run
/// on the process's libcurl event loop (off Swift's cooperative pool), so concurrent calls
/// overlap up to `Configuration.maxConcurrentRequests`; connections are reused between calls.
public final class OpenAICompatibleEngine: LanguageModel {
  /// Limits and timeouts of an engine.
  public struct Configuration: Hashable, Sendable {
    /// Requests in flight at once; further callers wait their turn.
    public var maxConcurrentRequests: Int
    /// When and how to try again after a retryable failure.
    public var retry: RetryPolicy
    /// Seconds allowed to open a connection.
    public var connectTimeout: Double
    /// Seconds allowed for one whole attempt (connect, send, generate, receive).
    public var requestTimeout: Double

    /// A configuration with the given limits (defaults suit a remote API).
    public init(
      maxConcurrentRequests: Int = 8, retry: RetryPolicy = RetryPolicy(),
      connectTimeout: Double = 10, requestTimeout: Double = 600
    ) {
      self.maxConcurrentRequests = max(1, maxConcurrentRequests)
      self.retry = retry
      self.connectTimeout = connectTimeout
      self.requestTimeout = requestTimeout
    }
  }

  /// Where requests go.
  public let endpoint: EngineEndpoint
  /// Limits and timeouts.
  public let configuration: Configuration
  /// Bounds the requests in flight (internal so tests can see who waits).
  let limiter: AsyncSemaphore
  /// `endpoint.chatCompletionsURL`, built once rather than on every attempt.
  private let url: String
  private let meter = UsageMeter()

  /// An engine for `endpoint` with the given limits.
  public init(endpoint: EngineEndpoint, configuration: Configuration = Configuration()) {
    self.endpoint = endpoint
    self.configuration = configuration
    limiter = AsyncSemaphore(limit: configuration.maxConcurrentRequests)
    url = endpoint.chatCompletionsURL
  }

  /// The endpoint's model.
  public var model: String { endpoint.model }

  /// Calls, tokens and retries so far.
  public var usage: EngineUsage { meter.snapshot }

  /// Sends `request` (retrying as the policy allows) and returns the first choice's answer.
  public func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try await complete(request, sink: nil)
  }

  /// Streams the answer (`stream: true`), passing each piece of text to `sink` as it comes.
  ///
  /// Failures are retried only until the first piece has reached the sink.
  public func complete(_ request: ChatRequest, streamingTo sink: @escaping TextSink)
    async throws -> ChatResponse
  {
    try await complete(request, sink: sink)
  }

  private func complete(_ request: ChatRequest, sink: TextSink?) async throws -> ChatResponse {
    guard let body = ChatCompletionBody.encode(request, stream: sink != nil) else {
      throw EngineError.transportFailed(
        url: url,
        detail: "cannot encode the request: temperature and top_p must be finite numbers")
    }
    return try await meter.measure {
      try await limiter.withPermit { try await attempts(body, model: request.model, sink: sink) }
    }
  }

  // Hundreds of calls can be in flight, each holding the async frames of this chain until its
  // reply comes; the work around each await is done in synchronous helpers, whose locals
  // live on the thread's stack, to keep those frames small.

  private func attempts(_ body: Data, model: String, sink: TextSink?) async throws
    -> ChatResponse
  {
    var attempt = 1
    while true {
      let stream = sink.map { StreamedReply(sink: $0) }
      do {
        return try await attemptOnce(body, stream: stream)
      } catch let error as EngineError {
        let wait = try retryDelay(after: error, attempt: attempt, stream: stream, model: model)
        try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
        attempt += 1
      }
    }
  }

  /// Seconds to wait before trying `attempt + 1`, counted as a retry; throws `error` (naming
  /// the model and the attempts made) when it is not to be retried.
  private func retryDelay(
    after error: EngineError, attempt: Int, stream: StreamedReply?, model: String
  ) throws -> Double {
    let resumable = !(stream?.hasDeliveredText ?? false)
    guard resumable, configuration.retry.shouldRetry(after: error, attempt: attempt) else {
      throw error.about(model: model, attempts: attempt)
    }
    meter.recordRetry()
    CallLedger.current?.recordRetry()
    return configuration.retry.delay(after: error, attempt: attempt)
  }

  private func attemptOnce(_ body: Data, stream: StreamedReply?) async throws -> ChatResponse {
    let started = ContinuousClock.now
    let reply = try await post(body, onSuccessData: stream.map { stream in stream.feed })
    return try answer(in: reply, stream: stream, startedAt: started)
  }

  /// The answer a finished transfer's reply carries, or the error it stands for.
  private func answer(
    in reply: HTTPReply, stream: StreamedReply?, startedAt started: ContinuousClock.Instant
  ) throws -> ChatResponse {
    let elapsed = ContinuousClock.now - started
    let latency = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    guard reply.status == 200 else { throw statusError(reply) }
    do {
      if let stream { return try stream.response(url: url, latency: latency) }
      return try ChatCompletionReply.response(from: reply.body, url: url, latency: latency)
    } catch {
      throw error.redacting(endpoint.apiKey)
    }
  }

  private func statusError(_ reply: HTTPReply) -> EngineError {
    let retryAfter = reply.headers["retry-after"].flatMap { Double($0) }
    let text = String(decoding: reply.body.prefix(2000), as: UTF8.self)
    return EngineError.httpStatus(reply.status, url: url, body: text, retryAfter: retryAfter)
      .redacting(endpoint.apiKey)
  }

  private func post(_ body: Data, onSuccessData: (@Sendable (Data) -> Void)?) async throws
    -> HTTPReply
  {
    do {
      return try await CurlEventLoop.shared.perform(transfer(body, onSuccessData: onSuccessData))
    } catch let failure as CurlFailure {
      throw Self.engineError(failure, url: url)
    }
  }

  private func transfer(_ body: Data, onSuccessData: (@Sendable (Data) -> Void)?) -> CurlTransfer {
    let accept = onSuccessData == nil ? "application/json" : "text/event-stream"
    var headers = ["Content-Type: application/json", "Accept: \(accept)", "Expect:"]
    if let key = endpoint.apiKey { headers.append("Authorization: Bearer \(key)") }
    // Replies are a few KB; libcurl's 16 KB default receive buffer per transfer would be
    // most of what hundreds of calls in flight hold, so the smallest it allows is asked for.
    return CurlTransfer(
      url: url, headers: headers, body: body,
      timeouts: CurlTimeouts(connect: configuration.connectTimeout, total: configuration.requestTimeout),
      receiveBufferSize: 1024, onSuccessData: onSuccessData)
  }

  /// The engine error for a transfer that gave no reply, by libcurl's code.
  private static func engineError(_ failure: CurlFailure, url: String) -> EngineError {
    switch failure {
    case .setup(let message):
      return .transportFailed(url: url, detail: message)
    case .transfer(let code, let message):
      switch CURLcode(UInt32(code)) {
      case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
        return .cannotConnect(url: url, detail: message)
      case CURLE_OPERATION_TIMEDOUT:
        return .timedOut(url: url, detail: message)
      case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
        return .connectionLost(url: url, detail: message)
      default:
        return .transportFailed(url: url, detail: message)
      }
    }
  }
}
