import FTGTestSupport
import Foundation
import Testing

/// `ftg-bench` (the package in `Bench/`) runs its benchmarks end to end and reports each
/// figure; its timings are not judged here (a debug build on a busy machine), only that every
/// benchmark ran and printed.
@Suite struct BenchSmokeTests {
  @Test func everyChosenBenchmarkRunsAndPrintsItsFigures() async throws {
    let bench = try #require(
      BenchBinary.path,
      "build ftg-bench first: swift build --package-path Bench --product ftg && swift build --package-path Bench")
    let chosen = ["round-3", "hetero", "eval-100", "cache", "shell-start", "pool-spread", "federation-1000"]
    let run = try await ProcessRun.run(
      bench, ["run", "--latency-ms", "20", "--only"] + chosen,
      environment: ["FTG_DATA_DIR": SimulatedLLM.sharedDataPath])
    // Status 1 only says a figure missed its target, which a debug build may.
    #expect(run.status == 0 || run.status == 1, "\(run.errors)")
    #expect(!run.output.contains("failed:"), "\(run.output)")
    let names = run.output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    let figures = [
      "round-3", "round-3-one-by-one", "hetero", "hetero-start-up", "cpu-per-call", "hetero-peak-memory",
      "eval-100", "cache-lookups", "shell-start", "pool-spread", "pool-spread-slowest-share", "federation-1000",
      "federation-1000-peak-memory", "federation-1000-server-killed",
    ]
    for name in figures {
      #expect(names.contains(name), "no line for \(name) in:\n\(run.output)")
    }
    // The build under test links Swift's runtime as ftg-bench does; only a dynamic one is
    // told that its memory figures are not a release's.
    let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
    #expect(run.output.contains("links Swift's runtime dynamically") == maps.contains("/libswiftCore.so"))
  }
}
