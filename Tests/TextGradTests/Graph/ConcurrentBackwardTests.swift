import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

/// `backward` runs independent steps at once and still hands gradients over in sample order.
@Suite struct ConcurrentBackwardTests {
  /// Answers forward calls at once, and feedback calls only when they overlap.
  ///
  /// Feedback calls come in levels of three (one per sample): each waits until all three of
  /// its level have arrived, so none is answered unless the three overlap, and later samples
  /// answer first, so feedback comes back out of sample order.
  final class GatheringFeedbackEngine: LanguageModel, @unchecked Sendable {
    /// Feedback calls so far, and which (level, sample) pairs have been answered.
    struct Calls: Sendable {
      var arrived = 0
      var inFlight = 0
      var peakInFlight = 0
      var answered: Set<[Int]> = []
    }

    let model = "gathering-feedback"
    let calls = Watched(Calls())
    var usage: EngineUsage { EngineUsage() }

    func complete(_ request: ChatRequest) async throws -> ChatResponse {
      let user = request.messages.last?.content ?? ""
      guard request.messages.first?.content == PromptTemplates.ftg[.backwardSystem] else {
        return ChatResponse(text: "ANSWER(\(user))")
      }
      // Each feedback call is about one sample: its question, or the answer that names it.
      guard let sample = ["Q1", "Q2", "Q3"].firstIndex(where: { user.contains($0) }) else {
        throw UnknownSample(request: user)
      }
      var arrival = 0
      calls.update { calls in
        calls.arrived += 1
        calls.inFlight += 1
        calls.peakInFlight = max(calls.peakInFlight, calls.inFlight)
        arrival = calls.arrived
      }
      let level = (arrival - 1) / 3
      try await calls.wait { $0.arrived >= 3 * (level + 1) }
      let later = Set((sample + 1..<3).map { [level, $0] })
      try await calls.wait { later.isSubset(of: $0.answered) }
      calls.update { calls in
        calls.inFlight -= 1
        calls.answered.insert([level, sample])
      }
      return ChatResponse(text: "feedback on Q\(sample + 1)")
    }
  }

  /// A feedback request that names none of the batch's samples.
  struct UnknownSample: Error {
    let request: String
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

  /// A backward pass that ran the feedback calls one by one would wait forever for the rest
  /// of their level; the time limit turns that into a failure.
  @Test(.timeLimit(.minutes(1)))
  func batchFeedbackCallsOverlapAndKeepSampleOrder() async throws {
    let engine = GatheringFeedbackEngine()
    let system = Variable("Solve it.", role: "system prompt")
    let total = try await batch(engine: engine, system: system)
    try await total.backward(engine: engine)
    // Two levels of calls (loss to answer, answer to prompt), the three of each at once.
    #expect(engine.calls.current.arrived == 6)
    #expect(engine.calls.current.peakInFlight == 3)
    #expect(system.gradients.map(\.text) == ["feedback on Q1", "feedback on Q2", "feedback on Q3"])
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
