import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

@Suite(.timeLimit(.minutes(2))) struct EngineTransportTests {
  @Test func realCallReturnsTextTokensAndLatency() async throws {
    let server = try await FakeOpenAIServer()
    let engine = try server.engine()
    let response = try await engine.complete(echoRequest("the answer is 42"))
    #expect(response.text == "the answer is 42")
    #expect(response.finishReason == "stop")
    #expect(response.promptTokens == 6)
    #expect(response.completionTokens == 4)
    #expect(response.latency > 0)
    #expect(!response.cached)
    #expect(engine.usage.calls == 1)
    #expect(engine.usage.promptTokens == 6)
    #expect(engine.usage.completionTokens == 4)
  }

  @Test func requestBodyCarriesEveryOption() async throws {
    let server = try await FakeOpenAIServer()
    let engine = try server.engine()
    let request = ChatRequest(
      model: "llama3.1", messages: [.user("hi")], temperature: 0.7, maxTokens: 64, topP: 0.9,
      seed: 11, stop: ["\n\n"], grammar: "root ::= \"yes\" | \"no\"")
    _ = try await engine.complete(request)
    let body = try #require(try server.stats().lastBody)
    #expect(body.model == "llama3.1")
    #expect(body.temperature == 0.7)
    #expect(body.maxTokens == 64)
    #expect(body.topP == 0.9)
    #expect(body.seed == 11)
    #expect(body.stop == ["\n\n"])
    #expect(body.grammar == "root ::= \"yes\" | \"no\"")
    #expect(body.stream == false)
  }

  @Test func bearerHeaderOnlyWhenAKeyIsSet() async throws {
    let server = try await FakeOpenAIServer()
    _ = try await server.engine(key: "sk-test-123").complete(echoRequest("a"))
    _ = try await server.engine(key: nil).complete(echoRequest("b"))
    #expect(try server.stats().authorization == ["Bearer sk-test-123", nil])
  }

  @Test func sequentialCallsReuseOneConnection() async throws {
    let server = try await FakeOpenAIServer()
    let engine = try server.engine()
    for index in 0..<5 { _ = try await engine.complete(echoRequest("call \(index)")) }
    let stats = try server.stats()
    #expect(stats.requests == 5)
    #expect(stats.connections == 1)
  }

  @Test func deadPortIsAnErrorNamingTheURLNotTheKey() async throws {
    let port = try deadPort()
    let endpoint = try EngineEndpoint(
      baseURL: "http://127.0.0.1:\(port)/v1", model: "m", apiKey: "sk-never-shown")
    let engine = OpenAICompatibleEngine(
      endpoint: endpoint,
      configuration: .init(retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01)))
    do {
      _ = try await engine.complete(echoRequest("hello"))
      Issue.record("a dead port answered")
    } catch let error as EngineError {
      let text = "\(error)"
      #expect(text.contains("cannot connect to http://127.0.0.1:\(port)/v1/chat/completions"))
      #expect(text.contains("after 2 attempts"))
      #expect(!text.contains("sk-never-shown"))
      #expect(error.attempts == 2)
    }
    #expect(engine.usage.failures == 1)
    #expect(engine.usage.retries == 1)
  }

  @Test func concurrentCallsOverlapUpToTheLimit() async throws {
    let server = try await FakeOpenAIServer(fallback: "hold")
    let engine = try server.engine(concurrency: 4)
    let calls = Task {
      try await withThrowingTaskGroup(of: (Int, String).self) { group in
        for index in 0..<8 {
          group.addTask { (index, try await engine.complete(echoRequest("n\(index)")).text) }
        }
        var texts = [String](repeating: "", count: 8)
        for try await (index, text) in group { texts[index] = text }
        return texts
      }
    }
    // The server holds every request: the calls reach it together, up to the limit.
    try await server.wait { $0.inFlight == 4 }
    try server.releaseHeldRequests()
    #expect(try await calls.value == (0..<8).map { "n\($0)" })
    let stats = try server.stats()
    #expect(stats.maxConcurrency == 4)
    #expect(stats.requests == 8)
  }

  /// All sixteen calls are held by the server until every one has arrived, so their answers
  /// come back together; each must still get the answer to its own request.
  @Test(arguments: [false, true])
  func everyCallInFlightGetsItsOwnAnswer(streaming: Bool) async throws {
    let server = try await FakeOpenAIServer(fallback: "gate:16")
    let engine = try server.engine(attempts: 1, concurrency: 16, timeout: 30)
    let texts = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for index in 0..<16 {
        group.addTask {
          let request = echoRequest("call \(index) of 16")
          let response =
            streaming
            ? try await engine.complete(request, streamingTo: { _ in })
            : try await engine.complete(request)
          return (index, response.text)
        }
      }
      var texts = [String](repeating: "", count: 16)
      for try await (index, text) in group { texts[index] = text }
      return texts
    }
    #expect(texts == (0..<16).map { "call \($0) of 16" })
    #expect(try server.stats().maxConcurrency == 16)
  }

  /// A call that timed out leaves its connection closed, so the answer the server sends late
  /// on it cannot be taken for the answer of the next call to that server.
  @Test func lateAnswerOfATimedOutCallReachesNoLaterCall() async throws {
    let server = try await FakeOpenAIServer(script: ["sleep:600"])
    let impatient = try server.engine(attempts: 1, timeout: 0.3)
    await #expect(throws: EngineError.self) { try await impatient.complete(echoRequest("late")) }
    let patient = try server.engine()
    #expect(try await patient.complete(echoRequest("on time")).text == "on time")
    #expect(try server.stats().connections == 2)
  }

  @Test func callsInFlightShareOneTransferThread() async throws {
    let server = try await FakeOpenAIServer(script: ["echo"], fallback: "hold")
    let engine = try server.engine(concurrency: 48)
    _ = try await engine.complete(echoRequest("warm-up"))
    let before = try threadCount()
    let calls = Task {
      try await withThrowingTaskGroup(of: String.self) { group in
        for index in 0..<48 { group.addTask { try await engine.complete(echoRequest("n\(index)")).text } }
        return try await group.reduce(into: 0) { count, _ in count += 1 }
      }
    }
    try await server.wait { $0.inFlight == 48 }
    let during = try threadCount()
    try server.releaseHeldRequests()
    #expect(try await calls.value == 48)
    #expect(try server.stats().maxConcurrency == 48)
    // A thread per transfer would add 48; the event loop adds none.
    #expect(during - before < 8, "\(before) threads before, \(during) with 48 calls in flight")
  }

  @Test func cancellationStopsAStalledTransfer() async throws {
    let server = try await FakeOpenAIServer(fallback: "stall")
    // A timeout longer than the server's stall: only the cancellation can close the transfer.
    let engine = try server.engine(timeout: 600)
    let call = Task { try await engine.complete(echoRequest("never")) }
    try await server.wait { $0.inFlight == 1 }
    call.cancel()
    await #expect(throws: CancellationError.self) { try await call.value }
    // The server saw its client hang up (else it answers after 60 s, and this waits on to the
    // suite's time limit): the cancellation closed the transfer, not only the task.
    try await server.wait { $0.hangUps == 1 }
    #expect(engine.usage.failures == 0)
  }

  @Test func cancelledWaitersLeaveTheQueue() async throws {
    let server = try await FakeOpenAIServer(fallback: "hold")
    let engine = try server.engine(concurrency: 1)
    let first = Task { try await engine.complete(echoRequest("first")) }
    try await server.wait { $0.inFlight == 1 }
    let waiting = Task { try await engine.complete(echoRequest("second")) }
    // Yields (never sleeps) until the second call waits for the permit the first one holds.
    while engine.limiter.queued == 0 { await Task.yield() }
    waiting.cancel()
    await #expect(throws: CancellationError.self) { try await waiting.value }
    try server.releaseHeldRequests()
    #expect(try await first.value.text == "first")
    // The cancelled call left the queue: a later one gets the freed permit, and the cancelled
    // one never reached the server.
    #expect(try await engine.complete(echoRequest("third")).text == "third")
    #expect(try server.stats().requests == 2)
  }
}

/// The number of threads this process has now, from `/proc/self/status`.
private func threadCount() throws -> Int {
  let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
  let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Threads:") })
  return try #require(Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)))
}
