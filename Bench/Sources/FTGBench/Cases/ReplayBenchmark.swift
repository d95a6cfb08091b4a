import Foundation

/// Offline replay of a notebook whose record holds 10,000 LLM calls: the notebook is first
/// recorded live against the server, then `ftg run --offline` replays it in a process of its
/// own, timed from start to exit.
struct ReplayBenchmark {
  /// Prompts evaluated, each on object counting's 100 validation examples.
  let variants = 100

  func run(_ context: BenchContext) async throws -> [BenchResult] {
    let notebook = context.scratch.appendingPathComponent("ten-thousand.ftg").path
    try """
    %% setup
    let e = engine("bench", base: "\(context.base)", limit: 64, cache: false)
    let t = task("object_counting")
    %% calls
    var total = 0
    for i in 0..<\(variants) {
      total = total + accuracy(prompt("Variant \\(i). " + t.prompt), t.val, engine: e)
    }
    print(total)
    """.write(toFile: notebook, atomically: true, encoding: .utf8)
    let ftg = ChildProcess.sibling("ftg")
    let recording = try ChildProcess.run(ftg, ["run", notebook], environment: context.environment)
    guard recording.status == 0 else { throw BenchError("recording the notebook failed: \(recording.error)") }
    let lines = try String(
      contentsOfFile: context.scratch.appendingPathComponent("ten-thousand.out/llm.jsonl").path, encoding: .utf8
    )
    .split(separator: "\n").count
    let replay = try ChildProcess.run(ftg, ["run", "--offline", notebook], environment: context.environment)
    guard replay.status == 0 else { throw BenchError("the offline replay failed (\(replay.status)): \(replay.error)") }
    return [
      BenchResult(
        name: "replay-10k", figure: replay.seconds, unit: "s", maxFigure: 2,
        detail: "ftg run --offline, \(lines) recorded calls, process start to exit")
    ]
  }
}
