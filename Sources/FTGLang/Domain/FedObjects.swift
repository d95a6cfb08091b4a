import Fed
import TextGrad

/// IID (or label-skewed) shards of one task's training split: what `split(t, 3)` returns.
final class PartitionObject: ListLike {
  let task: TaskDefinition
  let shards: [Shard]

  init(task: TaskDefinition, shards: [Shard]) {
    self.task = task
    self.shards = shards
  }

  var typeName: String { "Partition" }
  var fieldNames: [String] { ["task", "sizes"] }
  var rendered: String {
    "<partition of \(task.name) train into \(shards.count) shards: \(shards.map(\.examples.count))>"
  }
  var elements: [Value] { shards.map { .list($0.examples.map(SplitObject.record)) } }

  func field(_ name: String) -> Value? {
    switch name {
    case "task": return .string(task.name)
    case "sizes": return .list(shards.map { .number(Double($0.examples.count)) })
    default: return nil
    }
  }
}

/// A federated client: its shard, engines and current prompt.
///
/// `lastRound` is set by the one evaluation that trains it, hence `@unchecked Sendable`.
final class ClientObject: DomainObject, @unchecked Sendable {
  let client: Client
  /// The client's last round, once it has trained.
  var lastRound: ClientRoundRecord?
  /// How many rounds it has trained: the next round draws the batches of this epoch.
  var roundsTrained = 0

  init(_ client: Client) {
    self.client = client
  }

  var typeName: String { "Client" }
  var fieldNames: [String] { ["id", "task", "shard", "prompt", "grads", "kept", "reverted", "steps"] }
  var rendered: String {
    "<client \(client.id): \(client.shard.task.name), \(client.shard.examples.count) examples>"
  }

  func field(_ name: String) -> Value? {
    switch name {
    case "id": return .number(Double(client.id))
    case "task": return .string(client.shard.task.name)
    case "shard": return .list(client.shard.examples.map(SplitObject.record))
    case "prompt": return .object(VariableObject(client.prompt))
    case "grads": return .list((lastRound?.gradients ?? []).map(Value.string))
    case "kept": return .number(Double(client.keptUpdates))
    case "reverted": return .number(Double(client.revertedUpdates))
    case "steps": return .list((lastRound?.steps ?? []).map(FedRecords.step))
    default: return nil
    }
  }
}

/// A server aggregation rule: `concat`, `summarize`, `uid`, or one written in ftg.
final class AggregatorObject: DomainObject {
  let name: String
  /// Builds the aggregator; LLM-based ones use the given engine and templates.
  let make: @Sendable (any LanguageModel, PromptTemplates) -> any Aggregator

  init(name: String, make: @escaping @Sendable (any LanguageModel, PromptTemplates) -> any Aggregator) {
    self.name = name
    self.make = make
  }

  var typeName: String { "Aggregator" }
  var fieldNames: [String] { ["name"] }
  var rendered: String { "<aggregator \(name)>" }
  func field(_ name: String) -> Value? { name == "name" ? .string(self.name) : nil }
}

/// What `round(...)` returns: the merged prompt and each client's part of the round.
final class RoundResultObject: Tabular {
  let outcome: RoundOutcome

  init(_ outcome: RoundOutcome) {
    self.outcome = outcome
  }

  var typeName: String { "RoundResult" }
  var fieldNames: [String] { ["prompt", "clients"] }
  var rendered: String {
    "<round of \(outcome.clients.count) clients; merged prompt of \(outcome.prompt.count) characters>"
  }

  func field(_ name: String) -> Value? {
    switch name {
    case "prompt": return .string(outcome.prompt)
    case "clients": return .list(outcome.clients.map(FedRecords.client))
    default: return nil
    }
  }

  var rows: [Record] { outcome.clients.flatMap { $0.steps.map(FedRecords.stepRow) } }
  var summary: Record { Record([("clients", .number(Double(outcome.clients.count)))]) }
}
