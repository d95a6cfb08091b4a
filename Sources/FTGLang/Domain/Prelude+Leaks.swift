import Fed
import TextGrad

extension Prelude {
  static let privacy: [String: NativeFunction] = [
    "leaks": NativeFunction(
      signature: "leaks(run, words: 6)",
      summary:
        "the spans of each client's training data in what it sent the server and in the merged prompts: runs of `words` words of a question or answer, and its rare numbers and names; federate(..., redact: true) cuts them before they leave",
      example: "table(leaks(run))", labels: ["words"]
    ) { args, interpreter in
      try args.expect(count: 1...1, labels: ["words"])
      let run = try RunObject.argument(args, 0)
      let experiment = run.experiment
      let words = try args.labelled("words").map { try Arguments.integer($0.value, name: "words", at: $0.range) } ?? 6
      guard words >= 2 else {
        throw Diagnostic(
          Messages.argumentType("words", expected: "a count of at least 2", got: String(words)), at: args.callRange)
      }
      let scanners = experiment.clients.map { client in
        LeakScanner(
          examples: client.shard.examples,
          population: client.shard.task.train + client.shard.task.val + client.shard.task.test, words: words)
      }
      var rows: [Value] = []
      func add(_ round: Int, _ client: Int, _ place: String, _ leaks: [LeakScanner.Leak]) {
        for leak in leaks {
          rows.append(
            .record(
              Record([
                ("round", .number(Double(round + 1))), ("client", .number(Double(client))), ("place", .string(place)),
                ("kind", .string(leak.kind)), ("text", .string(leak.text)), ("example", .number(Double(leak.example))),
              ])))
        }
      }
      for round in run.result.rounds {
        for record in round.clients where record.client < scanners.count {
          add(round.round, record.client, "update", scanners[record.client].leaks(in: record.prompt))
        }
        for (client, scanner) in scanners.enumerated() {
          add(round.round, client, "merged", scanner.leaks(in: round.aggregatedPrompt))
        }
      }
      return .list(rows)
    }
  ]
}
