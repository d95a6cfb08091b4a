import Foundation

/// An engine pool over three loopback servers of different speed (half, once and twice the
/// chosen latency), each holding at most 4 calls at once, answering the 200 validation and
/// test questions of GSM8K (`accuracy`, as a user's program asks them).
///
/// The pool sends each call to the server with the fewest calls outstanding, so a faster server,
/// freeing its slots sooner, takes more of them: at best in proportion to its speed (4 : 2 : 1),
/// and the whole takes as long as 200 calls at the three servers' summed rate.
struct PoolSpreadBenchmark {
  let limit = 4
  let factors = [0.5, 1, 2]

  func run(_ context: BenchContext) async throws -> [BenchResult] {
    let latencies = factors.map { Int((Double(context.latencyMilliseconds) * $0).rounded()) }
    let servers = try latencies.map { try ServerProcess(latencyMilliseconds: $0) }
    defer { servers.forEach { $0.stop() } }
    let bases = servers.map { "\"http://127.0.0.1:\($0.port)/v1\"" }.joined(separator: ", ")
    let session = context.session()
    let started = ContinuousClock.now
    try await session.mustEvaluate(
      """
      let e = engine("bench", base: [\(bases)], limit: \(limit))
      let t = task("gsm8k")
      let val = accuracy(t.prompt, t.val, engine: e, task: t)
      let test = accuracy(t.prompt, t.test, engine: e, task: t)
      """)
    let wall = (ContinuousClock.now - started).seconds
    var counts: [Int] = []
    for server in servers { counts.append(try await context.serverStats(port: server.port).requests) }
    let total = counts.reduce(0, +)
    let rate = latencies.reduce(0) { $0 + Double(limit) / (Double($1) / 1000) }
    let shares = zip(latencies, counts).map { latency, count in
      String(format: "%d ms: %.0f%%", latency, Double(count) * 100 / Double(max(1, total)))
    }.joined(separator: ", ")
    return [
      BenchResult(
        name: "pool-spread", figure: wall, unit: "s", bound: Double(total) / rate, maxRatio: 1.25,
        detail: "\(total) calls, \(limit) at once per server; \(shares)"),
      BenchResult(
        name: "pool-spread-slowest-share", figure: Double(counts.last ?? 0) * 100 / Double(max(1, total)), unit: "%",
        maxFigure: 25, detail: "the slowest server's share (in proportion to speed: 14%; evenly: 33%)"),
    ]
  }
}
