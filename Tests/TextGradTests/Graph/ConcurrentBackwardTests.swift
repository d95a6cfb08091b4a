import Foundation
import Testing

@testable import TextGrad

/// `backward` runs independent steps at once and still hands gradients over in sample order.
@Suite struct ConcurrentBackwardTests {
  /// Answers forward calls at once and feedback calls after a delay that is longest for the
  /// first sample, so feedback for later samples comes back first; counts overlapping calls.
  final class SlowFeedbackEngine: LanguageModel, @unchecked Sendable {
    let model = "slow-feedback"
    private let lock = NSLock()
    private var inFlight = 0
    private(set) var peakInFlight = 0
    var usage: EngineUsage { EngineUsage() }

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
      let user = request.messages.last?.content ?? ""
      guard request.messages.first?.content == PromptTemplates.ftg[.backwardSystem] else {
        return ChatResponse(text: "ANSWER(\(user))")
      }
      lock.withLock {
        inFlight += 1
        peakInFlight = max(peakInFlight, inFlight)
      }
      defer { lock.withLock { inFlight -= 1 } }
      let sample = ["Q1", "Q2", "Q3"].firstIndex { user.contains("<LM_INPUT> \($0) </LM_INPUT>") }
      try await Task.sleep(for: .milliseconds(50 * (3 - (sample ?? 0))))
      return ChatResponse(text: "feedback on Q\((sample ?? -1) + 1)")
    }
  }

  private func batch(engine: any LanguageModel, system: Variable) async throws -> Variable {
    let call = LLMCall(engine: engine, systemPrompt: system)
    let losses = try await ["Q1", "Q2", "Q3"].asyncMap { question in
      let answer = try await call.forward(
        Variable(question, role: "question", requiresGrad: false), responseRole: "answer")
      return try StringFunction(purpose: "checks the answer") { _ in "wrong" }
        .forward(["answer": answer])
    }
    return try Sum.forward(losses)
  }

  @Test func batchFeedbackCallsOverlapAndKeepSampleOrder() async throws {
    let engine = SlowFeedbackEngine()
    let system = Variable("Solve it.", role: "system prompt")
    let total = try await batch(engine: engine, system: system)
    let started = ContinuousClock.now
    try await total.backward(engine: engine)
    let elapsed = ContinuousClock.now - started
    #expect(engine.peakInFlight == 3)
    #expect(system.gradients.map(\.text) == ["feedback on Q1", "feedback on Q2", "feedback on Q3"])
    // Two levels of calls (loss to answer, answer to prompt) of at most 150 ms each, not six.
    #expect(elapsed < .milliseconds(600))
  }

  @Test func aVariableWaitsForAllItsConsumers() async throws {
    let engine = routedEngine(feedback: "tighten it")
    let shared = Variable("draft", role: "draft")
    let first = try StringFunction(purpose: "first check") { _ in "no" }.forward(["d": shared])
    let second = try StringFunction(purpose: "second check") { _ in "no" }.forward(["d": shared])
    let both = try Sum.forward([first, second])
    try await both.backward(engine: engine)
    let requests = shared.gradients.compactMap(\.context?.request)
    #expect(requests.count == 2)
    #expect(requests.first?.contains("first check") == true)
    #expect(requests.last?.contains("second check") == true)
  }
}

extension Array where Element: Sendable {
  /// The results of `transform` on each element, one after another, in order.
  func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
    var results: [T] = []
    for element in self { results.append(try await transform(element)) }
    return results
  }
}
