import Foundation

/// `accuracy(p, t.val, engine: e)` on object counting's 100 validation examples with an
/// in-flight limit of 16: the bound is ceil(100 / 16) waves of one latency each.
struct EvaluationBenchmark {
  let examples = 100
  let limit = 16

  func run(_ context: BenchContext) async throws -> [BenchResult] {
    let session = context.session()
    try await session.mustEvaluate(
      """
      let e = engine("bench", base: "\(context.base)", limit: \(limit), cache: false)
      let t = task("object_counting")
      let p = prompt(t.prompt)
      """)
    let started = ContinuousClock.now
    try await session.mustEvaluate("let a = accuracy(p, t.val, engine: e)")
    let wall = (ContinuousClock.now - started).seconds
    let waves = (examples + limit - 1) / limit
    let stats = try await context.serverStats()
    return [
      BenchResult(
        name: "eval-\(examples)", figure: wall, unit: "s", bound: Double(waves) * context.latencySeconds, maxRatio: 1.1,
        detail: "\(stats.requests) calls, at most \(stats.peakInFlight) in flight (limit \(limit)); \(waves) waves")
    ]
  }
}
