import Fed
import Foundation
import TextGrad

/// The labelled options of `round`, `federate`, `centralized` and `hetero`, checked.
struct RunOptions {
  static let labels = [
    "rounds", "epochs", "steps", "batch", "aggregate", "proximal", "seed", "sample", "run", "resume",
    "checkpoint", "engine", "backward",
  ]

  var rounds = 3
  var steps = 3
  var batch = 3
  var proximal = false
  var seed = 42
  var selection = ClientSelection.all
  var runID: String?
  var resume = true
  var checkpoint = true
  var aggregator: AggregatorObject?

  init(_ args: Arguments, roundsLabel: String = "rounds") throws {
    func integer(_ label: String) throws -> Int? {
      try args.labelled(label).map { try Arguments.integer($0.value, name: label, at: $0.range) }
    }
    rounds = try integer(roundsLabel) ?? rounds
    steps = try integer("steps") ?? steps
    batch = try integer("batch") ?? batch
    seed = try integer("seed") ?? seed
    proximal = try args.labelledBool("proximal") ?? proximal
    resume = try args.labelledBool("resume") ?? resume
    checkpoint = try args.labelledBool("checkpoint") ?? checkpoint
    runID = try args.labelled("run").map { try Prelude.string($0, "run") }
    if let sample = args.labelled("sample") {
      guard case .number(let n) = sample.value, n > 0 else {
        throw Diagnostic(Messages.argumentType("sample", expected: "a fraction in (0, 1] or a client count", got: sample.value.described), at: sample.range)
      }
      selection = n < 1 ? .fraction(n) : .count(Int(n))
    }
    if let given = args.labelled("aggregate") { aggregator = try Self.aggregator(given) }
  }

  /// `aggregate: uid` or `aggregate: "uid"`; an unknown name suggests a known one.
  static func aggregator(_ given: (value: Value, range: SourceRange)) throws -> AggregatorObject {
    switch given.value {
    case .object(let a as AggregatorObject): return a
    case .string(let name):
      if let method = AggregationMethod(name: name) { return Prelude.builtinAggregator(method) }
      let known = AggregationMethod.allCases.map(\.rawValue)
      throw Diagnostic(
        Messages.withSuggestion("unknown aggregator '\(name)'", for: name, among: known) + " (known: \(known.joined(separator: ", ")))",
        at: given.range)
    default:
      throw Diagnostic(
        Messages.argumentType("aggregate", expected: "an aggregator (concat, summarize, uid or aggregator(...))", got: given.value.described),
        at: given.range)
    }
  }

  var updateRule: UpdateRule { proximal ? .proximal : .revertOnDrop }

  /// The run's settings as a record: its row in `table(runs)`.
  func settings(kind: String, clients: Int) -> Record {
    Record([
      ("kind", .string(kind)), ("clients", .number(Double(clients))), ("rounds", .number(Double(rounds))),
      ("steps", .number(Double(steps))), ("batch", .number(Double(batch))),
      ("aggregate", .string(aggregator?.name ?? "concat")),
    ])
  }

  /// The configuration of a run; without `run:` the id is a hash of everything that shapes the
  /// run, so re-running the same call after a kill resumes it. Inside a notebook cell, and with
  /// `checkpoint: false`, nothing is written.
  func configuration(describing identity: String, writes: Bool) -> RunConfiguration {
    let digest = SHA256.hash(Data("\(identity)|\(rounds)|\(steps)|\(batch)|\(proximal)|\(seed)|\(selection)".utf8))
    let id = runID ?? "run-" + digest.prefix(6).lowercaseHex
    let directory = writes && checkpoint ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath) : nil
    return RunConfiguration(
      runID: id, rounds: rounds, steps: steps, batchSize: batch, updateRule: updateRule, selection: selection,
      seed: seed, directory: directory, resume: resume)
  }
}
