import Fed
import Foundation
import TextGrad

extension Prelude {
  static let privacy: [String: NativeFunction] = [
    "leaks": NativeFunction(
      signature: "leaks(run, words: 6)  or  leaks(log, clients: cs, words: 6)",
      summary:
        "the spans of each client's training data in what it sent the server and in the merged prompts: runs of `words` words of a question or answer, and its rare numbers and names; federate(..., redact: true) cuts them before they leave. Given a run's log (runs/ID/log.jsonl, or its folder) and the clients it ran with, audits a finished run, its feedback too",
      example: "table(leaks(run))", labels: ["words", "clients"], arity: 1...1
    ) { args, interpreter in
      let words = try args.labelled("words").map { try Arguments.integer($0.value, name: "words", at: $0.range) } ?? 6
      guard words >= 2 else {
        throw Diagnostic(
          Messages.argumentType("words", expected: "a count of at least 2", got: String(words)), at: args.callRange)
      }
      if case .string(let path) = args.positional[0] {
        return .list(try auditLog(at: path, args, words: words, interpreter))
      }
      let run = try RunObject.argument(args, 0)
      let scanners = run.experiment.clients.map { scanner(for: $0, words: words) }
      var rows: [Value] = []
      for round in run.result.rounds {
        for record in round.clients where record.client < scanners.count {
          rows += leakRows(round.round, record.client, "update", scanners[record.client].leaks(in: record.prompt))
        }
        for (client, scanner) in scanners.enumerated() {
          rows += leakRows(round.round, client, "merged", scanner.leaks(in: round.aggregatedPrompt))
        }
      }
      return .list(rows)
    }
  ]

  /// The scanner of `client`'s training examples; rarity is judged over its task's examples.
  private static func scanner(for client: Client, words: Int) -> LeakScanner {
    let task = client.shard.task
    return LeakScanner(examples: client.shard.examples, population: task.train + task.val + task.test, words: words)
  }

  /// One row per leak: round (from 1), client, place, kind, text and example.
  private static func leakRows(_ round: Int, _ client: Int, _ place: String, _ leaks: [LeakScanner.Leak]) -> [Value] {
    leaks.map { leak in
      .record(
        Record([
          ("round", .number(Double(round + 1))), ("client", .number(Double(client))), ("place", .string(place)),
          ("kind", .string(leak.kind)), ("text", .string(leak.text)), ("example", .number(Double(leak.example))),
        ]))
    }
  }

  /// The leaks a run's JSON Lines log shows: each client step's prompt (`update`) and feedback
  /// (`feedback`, which stays on the client but shows where a quote began), and each merged
  /// prompt (`merged`), against the clients given with `clients:`.
  private static func auditLog(at path: String, _ args: Arguments, words: Int, _ interpreter: Interpreter) throws
    -> [Value]
  {
    guard let given = args.labelled("clients") else {
      throw Diagnostic(
        "auditing a run's log needs the clients it ran with: leaks(\"\(path)\", clients: cs)", at: args.callRange)
    }
    let clients = try clientObjects(in: given).map(\.client)
    // Relative to the folder runs write into, so `runs/<id>` names a run's own folder.
    let folder =
      path.hasPrefix("/") ? path : (interpreter.host.workingDirectory as NSString).appendingPathComponent(path)
    let file = folder.hasSuffix(".jsonl") ? folder : (folder as NSString).appendingPathComponent("log.jsonl")
    let text: String
    do {
      text = try interpreter.host.readFile(atPath: file)
    } catch {
      throw Diagnostic("cannot read the run log '\(file)': \(error.localizedDescription)", at: args.range(at: 0))
    }
    let scanners = clients.map { scanner(for: $0, words: words) }
    // Clients finish their steps in any order; rows are listed as leaks(run) lists them.
    var found: [(round: Int, place: Int, client: Int, rows: [Value])] = []
    for (number, line) in text.split(separator: "\n").enumerated() {
      guard let event = try? JSONDecoder().decode(RunEvent.self, from: Data(line.utf8)) else {
        throw Diagnostic("line \(number + 1) of '\(file)' is not an event of a run log", at: args.range(at: 0))
      }
      let round = event.round ?? 0
      switch event.kind {
      case .clientStep:
        guard let client = event.client, client < scanners.count else { continue }
        if let prompt = event.prompt {
          found.append((round, 0, client, leakRows(round, client, "update", scanners[client].leaks(in: prompt))))
        }
        for feedback in event.gradients ?? [] {
          found.append((round, 1, client, leakRows(round, client, "feedback", scanners[client].leaks(in: feedback))))
        }
      case .aggregation:
        guard let merged = event.prompt else { continue }
        for (client, scanner) in scanners.enumerated() {
          found.append((round, 2, client, leakRows(round, client, "merged", scanner.leaks(in: merged))))
        }
      default: continue
      }
    }
    // A stable sort keeps each client's steps in the order they happened.
    let ordered = found.enumerated().sorted { a, b in
      (a.element.round, a.element.place, a.element.client, a.offset)
        < (b.element.round, b.element.place, b.element.client, b.offset)
    }
    return ordered.flatMap(\.element.rows)
  }
}
