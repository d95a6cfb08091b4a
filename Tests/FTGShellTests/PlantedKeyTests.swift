import FTGTestSupport
import Foundation
import Testing

/// A recognisable API key goes into the environment.
///
/// Then come a script with a checkpointed federated run, a notebook with its record and both
/// exports, the shell, and errors from a server that echoes the key back. Nothing `ftg` printed
/// or wrote may hold the key.
@Suite(.serialized) struct PlantedKeyTests {
  private static let key = "sk-ftg-planted-" + UUID().uuidString.replacingOccurrences(of: "-", with: "")

  private static let notebook = """
    %% setup
    let e = engine("gpt-4o")
    let t = task("object_counting", val: 4)
    %% forward
    let p = prompt(t.prompt)
    let r = llm(p, t.train[0].x, engine: e)
    backward(t.loss(r, t.train[0]), engine: e)
    step(p, engine: e)
    show(p)
    show(e)
    %% score
    let scores = [{prompt: "start", acc: accuracy(prompt(t.prompt), t.val, engine: e)}, {prompt: "stepped", acc: accuracy(p, t.val, engine: e)}]
    plot(scores, x: "prompt", y: "acc", kind: "bar")
    """

  private static let script = """
    let e = engine("gpt-4o")
    let t = task("object_counting", train: 6, val: 3, test: 3)
    let run = federate(clients(split(t, 2), engine: e), rounds: 2, steps: 1, batch: 2, aggregate: uid)
    print(table(run), run.usage, e)
    """

  @Test func noOutputFileOrErrorHoldsTheKey() async throws {
    var folder = try Workspace()
    let llm = try await SimulatedLLM()
    folder.extraEnvironment = ["OPENAI_API_KEY": Self.key, "OPENAI_BASE_URL": llm.base]
    try folder.write("nb.ftg", Self.notebook)
    try folder.write("run.ftg", Self.script)
    try folder.write("rejected.ftg", "llm(prompt(\"x\"), \"ECHO-KEY-400\", engine: engine(\"gpt-4o\", retries: 0))\n")
    try folder.write("unreadable.ftg", "llm(prompt(\"x\"), \"ECHO-KEY-200\", engine: engine(\"gpt-4o\", retries: 1))\n")
    try folder.write(
      "shell.txt", "let e = engine(\"gpt-4o\")\nprint(e)\nshow(e)\nllm(prompt(\"x\"), \"ECHO-KEY-400\", engine: e)\n")

    var runs = [
      try await folder.runToEnd(["run", "nb.ftg"]),
      try await folder.runToEnd(["run", "run.ftg"]),
      try await folder.runToEnd(["export", "nb.ftg", "--to", "html"]),
      try await folder.runToEnd(["export", "nb.ftg", "--to", "md"]),
    ]
    #expect(runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.errors))")
    let failures = [
      try await folder.runToEnd(["run", "rejected.ftg"]),
      try await folder.runToEnd(["run", "unreadable.ftg"]),
      try await folder.runToEnd([], input: "shell.txt"),
    ]
    #expect(
      failures[0].status == 1 && failures[0].errors.contains("Incorrect API key provided: Bearer [key]"),
      "\(failures[0].errors)")
    #expect(
      failures[1].status == 1 && failures[1].errors.contains("unreadable answer")
        && failures[1].errors.contains("you sent Bearer [key]"), "\(failures[1].errors)")
    #expect(failures[2].errors.contains("Incorrect API key provided"), "\(failures[2].errors)")
    runs += failures

    for run in runs {
      #expect(!run.output.contains(Self.key) && !run.errors.contains(Self.key))
    }
    let written = try FileManager.default.subpathsOfDirectory(atPath: folder.url.path)
    #expect(
      written.contains("nb.out/llm.jsonl") && written.contains("nb.html") && written.contains("nb.md"), "\(written)")
    #expect(written.contains { $0.hasPrefix("runs/") && $0.hasSuffix("checkpoint.json") }, "\(written)")
    #expect(written.contains("cache/cache.sqlite"), "\(written)")
    let needle = Data(Self.key.utf8)
    for path in written {
      let file = folder.url.appendingPathComponent(path)
      guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
      #expect(try Data(contentsOf: file).range(of: needle) == nil, "the key is in \(path)")
    }
  }
}
