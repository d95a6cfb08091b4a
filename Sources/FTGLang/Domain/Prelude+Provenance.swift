import Fed
import TextGrad

extension Prelude {
  static let provenance: [String: NativeFunction] = [
    "provenance": NativeFunction(
      signature: "provenance(run, threshold: 0.5)",
      summary:
        "where each sentence of each round's merged prompt came from: the client prompt sentence it resembles most (word overlap, 0 to 1) and that client's closest feedback, or nil when the merge introduced it",
      example: "table(provenance(run), columns: [\"round\", \"client\", \"score\", \"sentence\"])",
      labels: ["threshold"], arity: 1...1
    ) { args, _ in
      let run = try RunObject.argument(args, 0)
      var threshold = 0.5
      if let given = args.labelled("threshold") {
        guard case .number(let n) = given.value, (0...1).contains(n) else {
          throw Diagnostic(
            Messages.argumentType("threshold", expected: "a number from 0 to 1", got: given.value.described),
            at: given.range)
        }
        threshold = n
      }
      let tracer = PromptProvenance(threshold: threshold)
      var rows: [Value] = []
      for round in run.result.rounds {
        let clients = round.clients.map { (id: $0.client, prompt: $0.prompt, gradients: $0.gradients) }
        for origin in tracer.origins(of: round.aggregatedPrompt, clients: clients) {
          rows.append(
            .record(
              Record([
                ("round", .number(Double(round.round + 1))), ("sentence", .string(origin.sentence)),
                ("client", origin.client.map { .number(Double($0)) } ?? .null),
                ("score", .number((origin.score * 1000).rounded() / 1000)),
                ("source", origin.source.map(Value.string) ?? .null),
                ("gradient", origin.gradient.map(Value.string) ?? .null),
                ("gradient_score", .number((origin.gradientScore * 1000).rounded() / 1000)),
              ])))
        }
      }
      return .list(rows)
    }
  ]
}
