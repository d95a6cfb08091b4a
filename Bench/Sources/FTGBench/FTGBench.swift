import ArgumentParser
import Foundation

/// `ftg-bench`: ftg's benchmarks against a loopback OpenAI-compatible server with a set latency per call.
///
/// Each benchmark runs in a process of its own, so its time, CPU and memory are its own; the
/// figures and their bounds are printed as a table.
@main
struct FTGBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ftg-bench",
    abstract:
      "Measure ftg: rounds, a heterogeneous run, evaluation, replay, the cache, shell start-up, memory, a 1,000-client federation over an engine pool, and the pool's spread.",
    discussion: """
      Build it and ftg optimised, from the Bench package, with Swift's runtime linked statically \
      as a release of ftg is (several benchmarks run the ftg beside ftg-bench), and give them the \
      datasets; from the repository's root: \
      swift build --package-path Bench -c release --static-swift-stdlib --product ftg && \
      swift build --package-path Bench -c release --static-swift-stdlib && \
      FTG_DATA_DIR=DIR Bench/.build/release/ftg-bench. \
      Each figure is printed with its bound (the critical path of the calls at the server's latency, \
      or a target) and the ratio; the exit status is 1 when a figure misses its target.
      """,
    subcommands: [RunAll.self, Serve.self, Case.self], defaultSubcommand: RunAll.self)
}

extension FTGBench {
  /// Runs the benchmarks and prints the table.
  struct RunAll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the benchmarks (the default).")

    @Option(
      help: "Milliseconds the server waits before answering each call, where figures are ratios to latency bounds.")
    var latencyMs = 100

    @Option(
      parsing: .upToNextOption,
      help: "Run only these benchmarks: \(Benchmark.allCases.map(\.rawValue).joined(separator: ", ")).")
    var only: [String] = []

    func validate() throws {
      for name in only where Benchmark(rawValue: name) == nil {
        throw ValidationError(
          "unknown benchmark '\(name)' (known: \(Benchmark.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
    }

    func run() async throws {
      let chosen = only.isEmpty ? Benchmark.allCases : only.compactMap(Benchmark.init(rawValue:))
      if SwiftRuntimeLinkage.isDynamic { say(SwiftRuntimeLinkage.dynamicBuildNote) }
      say(BenchReport.header())
      var missed = false
      for benchmark in chosen {
        do {
          for result in try CaseLauncher(
            benchmark: benchmark, latencyMilliseconds: benchmark.latencyMilliseconds(chosen: latencyMs)
          ).run() {
            say(BenchReport.line(result))
            missed = missed || result.met == false
          }
        } catch {
          say("\(benchmark.rawValue): failed: \(error)")
          missed = true
        }
      }
      if missed { throw ExitCode.failure }
    }
  }

  /// The loopback server, until its standard input closes; prints its port first.
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve canned chat answers on loopback (for the benchmarks).", shouldDisplay: false)

    @Option var latencyMs = 100
    @Option var port = 0

    func run() throws {
      let server = try LoopbackLLMServer(port: port, latency: .milliseconds(latencyMs))
      say(String(server.port))
      while let line = readLine(strippingNewline: false), !line.isEmpty {}
      server.stop()
    }
  }

  /// One benchmark in this process; prints its results as one JSON line.
  struct Case: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run one benchmark in this process.", shouldDisplay: false)

    @Argument var name: String
    @Option var base: String
    @Option var latencyMs: Int

    func run() async throws {
      guard let benchmark = Benchmark(rawValue: name) else { throw ValidationError("unknown benchmark '\(name)'") }
      let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "ftg-bench-\(name)-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: scratch) }
      let context = BenchContext(base: base, latency: .milliseconds(latencyMs), scratch: scratch)
      let results = try await benchmark.run(context)
      say(String(decoding: try JSONEncoder().encode(results), as: UTF8.self))
    }
  }
}

/// Writes a line to standard output at once (no buffering: the parent reads as it goes).
func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
