import Fed

/// Fed's result records as language values (records the user can index, table and plot).
enum FedRecords {
  static func step(_ s: LocalStepRecord) -> Value {
    .record(
      Record([
        ("round", .number(Double(s.round))), ("client", .number(Double(s.client))), ("step", .number(Double(s.step))),
        ("before", .number(s.accuracyBefore)), ("after", .number(s.accuracyAfter)), ("kept", .bool(s.kept)),
        ("prompt", .string(s.promptAfter)), ("proposed", .string(s.proposedPrompt)),
        ("grads", .list(s.gradients.map(Value.string))),
      ]))
  }

  /// A step as a table row: the numbers, without the long texts.
  static func stepRow(_ s: LocalStepRecord) -> Record {
    Record([
      ("round", .number(Double(s.round))), ("client", .number(Double(s.client))), ("step", .number(Double(s.step))),
      ("before", .number(s.accuracyBefore)), ("after", .number(s.accuracyAfter)), ("kept", .bool(s.kept)),
    ])
  }

  static func client(_ c: ClientRoundRecord) -> Value {
    .record(
      Record([
        ("client", .number(Double(c.client))), ("task", .string(c.task)), ("prompt", .string(c.prompt)),
        ("grads", .list(c.gradients.map(Value.string))), ("steps", .list(c.steps.map(step))),
      ]))
  }

  static func round(_ r: RoundRecord) -> Value {
    .record(
      Record([
        ("round", .number(Double(r.round))), ("val", .number(r.validationAccuracy)), ("accepted", .bool(r.accepted)),
        ("aggregator", .string(r.aggregator)), ("prompt", .string(r.aggregatedPrompt)),
        ("selected", .list(r.selectedClients.map { .number(Double($0)) })),
        ("clients", .list(r.clients.map(client))),
        ("calls", .number(Double(r.usage.calls))), ("tokens", .number(Double(r.usage.tokens))),
      ]))
  }

  static func accuracies(_ list: [TaskAccuracy]) -> Value {
    .record(Record(list.map { ($0.task, .number($0.accuracy)) }))
  }
}
