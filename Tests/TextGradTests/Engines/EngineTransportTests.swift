import Foundation
import Testing

@testable import TextGrad

@Suite struct EngineTransportTests {
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
    let server = try await FakeOpenAIServer(fallback: "sleep:1000")
    let engine = try server.engine(concurrency: 4)
    let started = ContinuousClock.now
    let texts = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for index in 0..<8 {
        group.addTask { (index, try await engine.complete(echoRequest("n\(index)")).text) }
      }
      var texts = [String](repeating: "", count: 8)
      for try await (index, text) in group { texts[index] = text }
      return texts
    }
    let elapsed = ContinuousClock.now - started
    #expect(texts == (0..<8).map { "n\($0)" })
    #expect(try server.stats().maxConcurrency == 4)
    #expect(elapsed < .seconds(6))
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
    let server = try await FakeOpenAIServer(fallback: "sleep:800")
    let engine = try server.engine(concurrency: 48)
    _ = try await engine.complete(echoRequest("warm-up"))
    let before = try threadCount()
    let calls = Task {
      try await withThrowingTaskGroup(of: String.self) { group in
        for index in 0..<48 { group.addTask { try await engine.complete(echoRequest("n\(index)")).text } }
        return try await group.reduce(into: 0) { count, _ in count += 1 }
      }
    }
    try await Task.sleep(for: .milliseconds(400))
    let during = try threadCount()
    #expect(try await calls.value == 48)
    #expect(try server.stats().maxConcurrency == 48)
    // A thread per transfer would add 48; the event loop adds none.
    #expect(during - before < 8, "\(before) threads before, \(during) with 48 calls in flight")
  }

  @Test func cancellationStopsAStalledTransfer() async throws {
    let server = try await FakeOpenAIServer(fallback: "stall")
    let engine = try server.engine(timeout: 60)
    let started = ContinuousClock.now
    let call = Task { try await engine.complete(echoRequest("never")) }
    try await Task.sleep(for: .milliseconds(300))
    call.cancel()
    await #expect(throws: CancellationError.self) { try await call.value }
    #expect(ContinuousClock.now - started < .seconds(5))
    #expect(engine.usage.failures == 0)
  }

  @Test func cancelledWaitersLeaveTheQueue() async throws {
    let server = try await FakeOpenAIServer(fallback: "sleep:1500")
    let engine = try server.engine(concurrency: 1)
    let first = Task { try await engine.complete(echoRequest("first")) }
    try await Task.sleep(for: .milliseconds(200))
    let waiting = Task { try await engine.complete(echoRequest("second")) }
    try await Task.sleep(for: .milliseconds(100))
    waiting.cancel()
    await #expect(throws: CancellationError.self) { try await waiting.value }
    #expect(try await first.value.text == "first")
    #expect(try server.stats().requests == 1)
  }
}

/// The number of threads this process has now, from `/proc/self/status`.
private func threadCount() throws -> Int {
  let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
  let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Threads:") })
  return try #require(Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)))
}
