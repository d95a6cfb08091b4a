import Foundation

/// Peak memory of a federated run of 30 clients over 3 rounds (1 local step on batches of 3,
/// UID aggregation, validation and test), as a user's program runs it.
struct MemoryBenchmark {
  func run(_ context: BenchContext) async throws -> [BenchResult] {
    guard FileManager.default.changeCurrentDirectoryPath(context.scratch.path) else {
      throw BenchError("cannot enter \(context.scratch.path)")
    }
    let session = context.session()
    let started = ContinuousClock.now
    try await session.mustEvaluate(
      """
      let e = engine("bench", base: "\(context.base)", limit: 128)
      let t = task("object_counting")
      let run = federate(clients(split(t, 30), engine: e), rounds: 3, steps: 1, batch: 3, aggregate: uid)
      """)
    let wall = (ContinuousClock.now - started).seconds
    let usage = ResourceUsage.current()
    let calls = try await context.serverStats().requests
    return [
      BenchResult(
        name: "memory-30x3", figure: usage.peakMegabytes, unit: "MB",
        detail: String(
          format: "%d calls in %.1f s; %.3f ms of CPU per call", calls, wall,
          usage.cpuSeconds * 1000 / Double(max(1, calls))))
    ]
  }
}
