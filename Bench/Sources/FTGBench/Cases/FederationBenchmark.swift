import Foundation

/// A cross-device federation as a user runs it, `ftg run`: 1,000 GSM8K clients (3 training
/// examples each), 3 rounds that each sample 100 of them for 1 local step on batches of 3, UID
/// aggregation, validation and test on the full splits, against a pool of 4 loopback servers
/// (`engine(..., base: [4 URLs])`).
///
/// Its critical path is a sampled client's chain: each round the answers, the feedback on each
/// answer, the feedback on the prompt and the rewrite (4 calls deep: the loopback server answers
/// a question the same way whatever the prompt, so the re-scoring of the batch repeats the
/// first answers and the response cache gives them at once), the merge and the validation of
/// the merged prompt; then the test of the best and last prompts: 19 calls. The zero-shot
/// validation and test run alongside round 0. Measured at 200, 400 and 600 ms a call, the run
/// took 19.2 calls' time more per call's latency, plus 0.8 s.
///
/// The same run is then made again with one of the 4 servers killed (SIGKILL) after its first
/// round: it must finish with the same calls answered and the same result, the survivors taking
/// the dead server's load. Peak memory is the ftg process's, held under 100 MB: client state
/// grows with the clients sampled in a round, not with the 1,000. The servers answer after 4 times
/// the chosen latency (400 ms by default), so that ftg's own CPU for 4,600 calls is not the
/// critical path on a 2-core machine that also runs the four servers.
struct FederationBenchmark {
  let depth = 19

  func run(_ context: BenchContext) async throws -> [BenchResult] {
    guard FileManager.default.changeCurrentDirectoryPath(context.scratch.path) else {
      throw BenchError("cannot enter \(context.scratch.path)")
    }
    let whole = try await federation(context, killing: false)
    let killed = try await federation(context, killing: true)
    let path = Double(depth) * context.latencySeconds
    guard killed.result == whole.result else {
      throw BenchError("with a server killed the run printed \(killed.result), without \(whole.result)")
    }
    guard killed.calls == whole.calls else {
      throw BenchError("with a server killed the run made \(killed.calls) calls, without \(whole.calls)")
    }
    return [
      BenchResult(
        name: "federation-1000", figure: whole.seconds, unit: "s", bound: path, maxRatio: 1.25,
        detail: "\(whole.calls) calls over 4 servers (\(whole.spread)); critical path \(depth) calls deep"),
      BenchResult(
        name: "federation-1000-cpu-per-call", figure: whole.cpuSeconds * 1000 / Double(max(1, whole.calls)),
        unit: "ms", maxFigure: 0.5, detail: String(format: "%.2f s of ftg's CPU", whole.cpuSeconds)),
      BenchResult(
        name: "federation-1000-peak-memory", figure: whole.peakMegabytes, unit: "MB", maxFigure: 100,
        detail: "peak resident set of the ftg process, 1,000 clients, 100 a round"),
      BenchResult(
        name: "federation-1000-server-killed", figure: killed.seconds, unit: "s", bound: path, maxRatio: 1.3,
        detail: "one of 4 servers killed after round 1; same calls and result; \(killed.spread)"),
    ]
  }

  struct Outcome {
    var seconds: Double
    var cpuSeconds: Double
    var peakMegabytes: Double
    /// The calls the run counted (`run.usage.calls`) and what it printed of its result.
    var calls: Int
    var result: String
    /// Requests each server answered, as shares.
    var spread: String
  }

  private func federation(_ context: BenchContext, killing: Bool) async throws -> Outcome {
    let servers = try (0..<4).map { _ in try ServerProcess(latencyMilliseconds: context.latencyMilliseconds) }
    defer { servers.forEach { $0.stop() } }
    let bases = servers.map { "\"http://127.0.0.1:\($0.port)/v1\"" }.joined(separator: ", ")
    let script = context.scratch.appendingPathComponent("federation-\(killing).ftg")
    try """
    let e = engine("bench", base: [\(bases)], limit: 128)
    let t = task("gsm8k", train: 3000)
    let run = federate(clients(split(t, 1000), engine: e), rounds: 3, steps: 1, batch: 3, sample: 100, aggregate: uid, run: "federation-\(killing)")
    print(run.usage.calls)
    print(run.best_prompt, run.test, run.val)

    """.write(to: script, atomically: true, encoding: .utf8)
    let before = ResourceUsage.children()
    let environment = context.environment(cacheFolder: "cache-\(killing)")
    let running = Task.detached {
      try ChildProcess.run(ChildProcess.sibling("ftg"), ["run", script.path], environment: environment)
    }
    var victimRequests = 0
    if killing {
      // After round 1: the zero-shot evaluation and one round's chain, 8 calls deep.
      try await Task.sleep(for: .seconds(8.5 * context.latencySeconds))
      victimRequests = try await context.serverStats(port: servers[0].port).requests
      servers[0].kill()
    }
    let outcome = try await running.value
    guard outcome.status == 0 else { throw BenchError("ftg run failed (\(outcome.status)): \(outcome.error)") }
    let usage = ResourceUsage.children()
    let lines = outcome.output.split(separator: "\n", maxSplits: 1).map(String.init)
    guard lines.count == 2, let calls = Int(lines[0]) else { throw BenchError("unexpected output: \(outcome.output)") }
    var counts: [Int] = []
    for (index, server) in servers.enumerated() {
      counts.append(killing && index == 0 ? victimRequests : try await context.serverStats(port: server.port).requests)
    }
    let total = max(1, counts.reduce(0, +))
    let spread = counts.enumerated().map { index, count in
      String(format: "%@%.0f%%", killing && index == 0 ? "killed: " : "", Double(count) * 100 / Double(total))
    }.joined(separator: ", ")
    return Outcome(
      seconds: outcome.seconds, cpuSeconds: usage.cpuSeconds - before.cpuSeconds, peakMegabytes: usage.peakMegabytes,
      calls: calls, result: lines[1], spread: spread)
  }
}
