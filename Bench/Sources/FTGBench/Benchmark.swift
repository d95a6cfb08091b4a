/// The benchmarks `ftg-bench` runs, each in a process of its own.
enum Benchmark: String, CaseIterable, Sendable {
  case round3 = "round-3"
  case round10 = "round-10"
  case round30 = "round-30"
  case hetero
  case evaluation = "eval-100"
  case replay = "replay-10k"
  case cache
  case shellStart = "shell-start"
  case memory = "memory-30x3"
  case federation = "federation-1000"
  case poolSpread = "pool-spread"

  /// The latency the server adds to each call: the chosen one where the figure is a ratio to
  /// a latency bound, little or none where only ftg's own cost is measured.
  func latencyMilliseconds(chosen: Int) -> Int {
    switch self {
    case .round3, .round10, .round30, .hetero, .evaluation, .poolSpread: return chosen
    // 4,600 calls 22 deep: at 100 ms a call that is 2,100 calls a second, more than one core
    // spares ftg beside four servers on this 2-core machine; real models take seconds a call.
    case .federation: return chosen * 4
    case .memory: return 10
    case .replay, .cache, .shellStart: return 0
    }
  }

  /// Runs the case in this process.
  func run(_ context: BenchContext) async throws -> [BenchResult] {
    switch self {
    case .round3: return try await RoundBenchmark(clients: 3).run(context)
    case .round10: return try await RoundBenchmark(clients: 10).run(context)
    case .round30: return try await RoundBenchmark(clients: 30).run(context)
    case .hetero: return try await HeterogeneousBenchmark().run(context)
    case .evaluation: return try await EvaluationBenchmark().run(context)
    case .replay: return try await ReplayBenchmark().run(context)
    case .cache: return try await CacheBenchmark().run(context)
    case .shellStart: return try await ShellStartBenchmark().run(context)
    case .memory: return try await MemoryBenchmark().run(context)
    case .federation: return try await FederationBenchmark().run(context)
    case .poolSpread: return try await PoolSpreadBenchmark().run(context)
    }
  }
}
