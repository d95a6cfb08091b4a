import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

@Suite struct EngineRetryTests {
  @Test(arguments: ["500", "503", "malformed", "empty", "drop", "429:0"])
  func retryableFailuresAreRetriedThenSucceed(failure: String) async throws {
    let server = try await FakeOpenAIServer(script: [failure, failure])
    let engine = try server.engine(attempts: 3)
    let response = try await engine.complete(echoRequest("third time lucky"))
    #expect(response.text == "third time lucky")
    #expect(try server.stats().requests == 3)
    #expect(engine.usage.retries == 2)
    #expect(engine.usage.calls == 1)
  }

  @Test(arguments: [
    ("500", "server error from"), ("503", "HTTP 503"), ("malformed", "unreadable answer from"),
    ("empty", "has no choices"), ("drop", "connection to"), ("429:0", "rate limited by"),
  ])
  func persistentFailuresEndInAClearError(failure: String, expected: String) async throws {
    let server = try await FakeOpenAIServer(fallback: failure)
    let engine = try server.engine(attempts: 3)
    do {
      _ = try await engine.complete(echoRequest("never answered"))
      Issue.record("a failing server answered")
    } catch let error as EngineError {
      let text = "\(error)"
      #expect(text.contains(expected))
      #expect(text.contains(server.baseURL + "/chat/completions"))
      #expect(text.contains("model 'fake-model'"))
      #expect(error.attempts == 3)
    }
    #expect(try server.stats().requests == 3)
    #expect(engine.usage.failures == 1)
  }

  @Test(arguments: ["400", "401"])
  func clientErrorsAreNeverRetried(status: String) async throws {
    let server = try await FakeOpenAIServer(fallback: status)
    let engine = try server.engine(key: "sk-hidden", attempts: 5)
    do {
      _ = try await engine.complete(echoRequest("bad"))
      Issue.record("a rejecting server answered")
    } catch let error as EngineError {
      #expect(error.httpStatus == Int(status))
      #expect("\(error)".contains("request rejected by"))
      #expect("\(error)".contains("fake failure \(status)"))
      #expect(!"\(error)".contains("sk-hidden"))
    }
    #expect(try server.stats().requests == 1)
  }

  @Test(arguments: ["429:1", "503:1"])
  func retryAfterIsHonoured(failure: String) async throws {
    let server = try await FakeOpenAIServer(script: [failure])
    let engine = try server.engine(attempts: 2)
    let started = ContinuousClock.now
    let response = try await engine.complete(echoRequest("patience"))
    #expect(response.text == "patience")
    #expect(ContinuousClock.now - started >= .seconds(1))
    #expect(try server.stats().requests == 2)
  }

  @Test func stallPastTheTimeoutIsRetriedAsATimeout() async throws {
    let server = try await FakeOpenAIServer(script: ["stall"])
    let engine = try server.engine(attempts: 2, timeout: 0.5)
    let response = try await engine.complete(echoRequest("after a timeout"))
    #expect(response.text == "after a timeout")
    #expect(engine.usage.retries == 1)
  }

  @Test func timeoutErrorNamesTheURL() async throws {
    let server = try await FakeOpenAIServer(fallback: "stall")
    let engine = try server.engine(attempts: 1, timeout: 0.3)
    await #expect {
      try await engine.complete(echoRequest("slow"))
    } throws: { error in
      "\(error)".contains("request to \(server.baseURL)/chat/completions timed out")
    }
  }

  @Test func backoffGrowsWithJitterAndIsCapped() {
    let policy = RetryPolicy(maxAttempts: 10, baseDelay: 1, maxDelay: 5)
    let error = EngineError.httpStatus(500, url: "u", body: "")
    for _ in 0..<50 {
      #expect((0.5...1).contains(policy.delay(after: error, attempt: 1)))
      #expect((2...4).contains(policy.delay(after: error, attempt: 3)))
      #expect((2.5...5).contains(policy.delay(after: error, attempt: 9)))
    }
    let limited = EngineError.rateLimited(url: "u", retryAfter: 500)
    #expect(policy.delay(after: limited, attempt: 1) == 120)
    #expect(policy.shouldRetry(after: error, attempt: 9))
    #expect(!policy.shouldRetry(after: error, attempt: 10))
    #expect(!policy.shouldRetry(after: .httpStatus(404, url: "u", body: ""), attempt: 1))
  }
}
