import Foundation

/// Time from starting `ftg` on a terminal (a pseudo-terminal) to its first `ftg>` prompt, the
/// median of 10 starts.
struct ShellStartBenchmark {
  let starts = 10

  func run(_ context: BenchContext) async throws -> [BenchResult] {
    let ftg = ChildProcess.sibling("ftg")
    var environment = context.environment
    environment["FTG_HISTORY"] = context.scratch.appendingPathComponent("history").path
    environment["TERM"] = "xterm"
    var times: [Double] = []
    for _ in 0..<starts {
      times.append(try ChildProcess.secondsToPrompt(ftg, prompt: "ftg>", environment: environment))
    }
    times.sort()
    let median = (times[starts / 2 - 1] + times[starts / 2]) / 2
    return [
      BenchResult(
        name: "shell-start", figure: median * 1000, unit: "ms", maxFigure: 100,
        detail: String(
          format: "median of %d; fastest %.0f ms, slowest %.0f ms", starts, times[0] * 1000, times[starts - 1] * 1000))
    ]
  }
}
