import Foundation

/// The paper's heterogeneous script run as a user runs it, `ftg run hetero.ftg`: three
/// clients (object counting, multi-step arithmetic, GSM8K), 1 round of 4 local steps on
/// batches of 3, UID aggregation, validation and test on the full splits, through the
/// language, the response cache and the checkpoint writer.
///
/// Its critical path is the longest chain of dependent calls, multistep arithmetic's, whose
/// answers an LLM judge scores. The loopback server answers a question with the same text
/// whatever the prompt, so a judge request that repeats an earlier one (same question, answer
/// and response) is answered by the response cache without waiting: the judging of the
/// re-checked batch, of the validation and of the test. The chain is then 4 steps of 6 calls
/// (answer, judge, feedback to the answer, feedback to the prompt, rewrite, answer again), the
/// merge, and the answers of the validation and of the test of the merged prompt: 27 (measured
/// at 200 and 400 ms a call: 9 calls for 1 step, 27 for 4). The zero-shot validation and test
/// run alongside round 0. The wall time is the ftg process's, from start to
/// exit, after one unmeasured warm-up start. Besides the ratio it reports ftg's fixed start-up
/// cost (from the process starting to its first request), its CPU time per call and its peak
/// memory.
struct HeterogeneousBenchmark {
  let steps = 4

  func run(_ context: BenchContext) async throws -> [BenchResult] {
    guard FileManager.default.changeCurrentDirectoryPath(context.scratch.path) else {
      throw BenchError("cannot enter \(context.scratch.path)")
    }
    // One unmeasured start first, loading the same datasets, so that the figures are ftg's
    // and not the disk's: ftg's and the data's pages are then cached, as on every run but a
    // machine's first. Its CPU is taken off the run's; its peak memory (the data loaded, no
    // calls) is far below the run's, so the children's peak is the run's.
    let warmUp = context.scratch.appendingPathComponent("warm-up.ftg")
    try """
    let a = task("object_counting")
    let b = task("multistep_arithmetic_two")
    let c = task("gsm8k")

    """.write(to: warmUp, atomically: true, encoding: .utf8)
    let warm = try ChildProcess.run(
      ChildProcess.sibling("ftg"), ["run", warmUp.path], environment: context.environment)
    guard warm.status == 0 else { throw BenchError("ftg run (warm-up) failed (\(warm.status)): \(warm.error)") }
    let warmUpCPU = ResourceUsage.children().cpuSeconds
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
    let cpuSeconds = usage.cpuSeconds - warmUpCPU
    let stats = try await context.serverStats()
    let startup = Double(stats.firstRequestNanoseconds &- outcome.startedAt) / 1e9
    let depth = steps * 6 + 3
    let path = Double(depth) * context.latencySeconds
    let calls = stats.requests
    return [
      BenchResult(
        name: "hetero", figure: outcome.seconds, unit: "s", bound: path, maxRatio: 1.15,
        detail:
          "\(calls) calls, at most \(stats.peakInFlight) in flight; critical path \(depth) calls deep; after one warm-up start"
      ),
      BenchResult(
        name: "hetero-start-up", figure: startup * 1000, unit: "ms", maxFigure: 100,
        detail: "ftg's process start to its first request"),
      BenchResult(
        name: "cpu-per-call", figure: cpuSeconds * 1000 / Double(max(1, calls)), unit: "ms", maxFigure: 0.5,
        detail: String(
          format: "%.2f s of ftg's CPU for %d calls, start-up and data loading included", cpuSeconds, calls)),
      BenchResult(
        name: "hetero-peak-memory", figure: usage.peakMegabytes, unit: "MB", maxFigure: 50,
        detail: "peak resident set of the ftg process"),
    ]
  }
}
