import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// `leaks(run)` finds a client's training question that its optimizer copied into the prompt
/// it sends, and `redact: true` cuts it out before the merge request leaves for the server.
@Suite struct LeaksTests {
  @Test func aQuotedTrainingQuestionIsFoundAndRedactedBeforeTheMerge() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-leaks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = folder.appendingPathComponent("requests.jsonl")
    // This server's optimizer quotes the training question it was shown.
    let llm = try await SimulatedLLM(options: ["--log", log.path, "--leaky-optimizer"])
    func run(redact: Bool) async -> (output: String, errors: String) {
      await FTGLangTests.run(
        """
        let e = engine("simulated", base: "\(llm.base)", cache: false)
        let t = task("object_counting", train: 4, val: 20, test: 2)
        let run = federate(clients(split(t, 2), engine: e), rounds: 1, steps: 1, batch: 1, aggregate: summarize, accept: "always", checkpoint: false, redact: \(redact))
        let found = leaks(run)
        print(found.filter { l in l.place == "update" }.count, found.filter { l in l.place == "merged" }.count)
        print(found.all { l in t.train.any { x in x.x.contains(l.text) } }, table(run).columns.contains("redacted"))
        print(t.train.map { x in x.x }.join("|"))
        """)
    }
    func mergeRequests() throws -> [String] {
      try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        .filter { $0.contains("PROMPT_1") }
    }

    let open = await run(redact: false)
    #expect(open.errors == "")
    let openLines = open.output.split(separator: "\n").map(String.init)
    #expect(openLines.count == 3)
    guard openLines.count == 3 else { return }
    let counts = openLines[0].split(separator: " ").compactMap { Int($0) }
    #expect(counts.count == 2 && counts[0] >= 2)
    #expect(openLines[1] == "true false")
    let questions = openLines[2].split(separator: "|").map(String.init)
    let openMerge = try #require(try mergeRequests().last)
    #expect(questions.contains { openMerge.contains(String($0.prefix(40))) })

    try Data().write(to: log)
    let safe = await run(redact: true)
    #expect(safe.errors == "")
    let safeLines = safe.output.split(separator: "\n").map(String.init)
    #expect(safeLines.count == 3)
    guard safeLines.count == 3 else { return }
    #expect(safeLines[0].hasSuffix(" 0"))
    #expect(safeLines[1] == "true true")
    let safeMerge = try #require(try mergeRequests().last)
    #expect(safeMerge.contains("[redacted]"))
    #expect(!questions.contains { safeMerge.contains(String($0.prefix(40))) })
  }

  @Test func aFinishedRunIsAuditedFromItsLog() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let llm = try await SimulatedLLM(options: ["--leaky-optimizer"])
    let result = await run(
      """
      let e = engine("simulated", base: "\(llm.base)", cache: false)
      let t = task("object_counting", train: 4, val: 4, test: 2)
      let cs = clients(split(t, 2), engine: e)
      let run = federate(cs, rounds: 2, steps: 1, batch: 1, aggregate: concat, accept: "always", run: "audited")
      let live = leaks(run)
      let audit = leaks("runs/audited", clients: cs)
      let updates = audit.filter { l in l.place != "feedback" }
      print(updates.count == live.count, updates.map { l in l.text } == live.map { l in l.text }, live.count > 0)
      print(leaks("runs/audited/log.jsonl", clients: cs).count == audit.count)
      leaks("runs/audited")
      """, workingDirectory: folder.path)
    #expect(result.output == "true true true\ntrue\n")
    #expect(result.errors.contains("test.ftg:10:1"))
    #expect(result.errors.contains("needs the clients it ran with"))

    try Data("{\"kind\": \"nonsense\"}\n".utf8).write(to: folder.appendingPathComponent("runs/audited/log.jsonl"))
    let broken = await run(
      """
      let t = task("object_counting", train: 4, val: 4, test: 2)
      leaks("runs/audited", clients: clients(split(t, 2), engine: engine("x", base: "http://127.0.0.1:9/v1")))
      leaks("runs/missing", clients: [])
      """, workingDirectory: folder.path)
    #expect(broken.errors.contains("line 1 of"))
    #expect(broken.errors.contains("is not an event of a run log"))
  }
}
