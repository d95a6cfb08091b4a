import Foundation
import TextGrad

/// Lookups per second in the persistent response cache (SQLite, WAL) holding 10,000 answers,
/// each lookup hashing its request as a real one does.
struct CacheBenchmark {
  let entries = 10_000

  func run(_ context: BenchContext) async throws -> [BenchResult] {
    let store = try SQLiteResponseStore(path: context.scratch.appendingPathComponent("cache.sqlite").path)
    let requests = (0..<entries).map { index in
      ChatRequest(
        model: "bench", messages: [.system("You count objects."), .user("Question \(index): how many apples?")],
        temperature: 0)
    }
    let saving = ContinuousClock.now
    for request in requests {
      try await store.save(
        ChatResponse(text: "Answer: 3", promptTokens: 12, completionTokens: 2), for: RequestKey(request))
    }
    let saveSeconds = (ContinuousClock.now - saving).seconds
    var generator = SystemRandomNumberGenerator()
    let order = requests.shuffled(using: &generator)
    let looking = ContinuousClock.now
    var hits = 0
    for request in order where try await store.response(for: RequestKey(request)) != nil { hits += 1 }
    let lookSeconds = (ContinuousClock.now - looking).seconds
    guard hits == entries else { throw BenchError("\(hits) of \(entries) lookups hit") }
    return [
      BenchResult(
        name: "cache-lookups", figure: Double(entries) / lookSeconds, unit: "/s",
        detail: String(format: "%d entries, random order; writes: %.0f/s", entries, Double(entries) / saveSeconds))
    ]
  }
}
