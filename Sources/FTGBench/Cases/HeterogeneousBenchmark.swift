import Foundation

/// The paper's heterogeneous script run as a user runs it, `ftg run hetero.ftg`: three
/// clients (object counting, multi-step arithmetic, GSM8K), 1 round of 4 local steps on
/// batches of 3, UID aggregation, validation and test on the full splits, through the
/// language, the response cache and the checkpoint writer.
///
/// Its critical path is the longest chain of dependent calls: 4 steps of 5 calls, the merge,
/// the validation of the merged prompt and the test of the best one (the validation of the
/// starting prompt runs alongside round 0). The wall time is the ftg process's, from start to
/// exit. Besides the ratio it reports ftg's fixed start-up cost (from the process starting to
/// its first request), its CPU time per call and its peak memory.
struct HeterogeneousBenchmark {
  let steps = 4

  func run(_ context: BenchContext) async throws -> [BenchResult] {
    guard FileManager.default.changeCurrentDirectoryPath(context.scratch.path) else {
      throw BenchError("cannot enter \(context.scratch.path)")
    }
    let script = context.scratch.appendingPathComponent("hetero.ftg")
    try """
      let e = engine("bench", base: "\(context.base)", limit: 1024)
      let tasks = ["object_counting", "multistep_arithmetic_two", "gsm8k"]
      let run = hetero(tasks, engine: e, rounds: 1, steps: \(steps), batch: 3, aggregate: uid)
      print(run.test)

      """.write(to: script, atomically: true, encoding: .utf8)
    let outcome = try ChildProcess.run(
      ChildProcess.sibling("ftg"), ["run", script.path], environment: context.environment)
    guard outcome.status == 0 else {
      throw BenchError("ftg run failed (\(outcome.status)): \(outcome.error)")
    }
    let usage = ResourceUsage.children()
    let stats = try await context.serverStats()
    let startup = Double(stats.firstRequestNanoseconds &- outcome.startedAt) / 1e9
    let path = Double(steps * 5 + 3) * context.latencySeconds
    let calls = stats.requests
    return [
      BenchResult(
        name: "hetero", figure: outcome.seconds, unit: "s", bound: path, maxRatio: 1.15,
        detail: "\(calls) calls, at most \(stats.peakInFlight) in flight; critical path \(steps * 5 + 3) calls deep"),
      BenchResult(
        name: "hetero-start-up", figure: startup * 1000, unit: "ms", maxFigure: 100,
        detail: "ftg's process start to its first request"),
      BenchResult(
        name: "cpu-per-call", figure: usage.cpuSeconds * 1000 / Double(max(1, calls)), unit: "ms", maxFigure: 0.5,
        detail: String(format: "%.2f s of ftg's CPU for %d calls, start-up and data loading included", usage.cpuSeconds, calls)),
      BenchResult(
        name: "hetero-peak-memory", figure: usage.peakMegabytes, unit: "MB", maxFigure: 50,
        detail: "peak resident set of the ftg process"),
    ]
  }
}
