import Fed
import Foundation
import TextGrad

/// The labelled options of `round`, `federate`, `centralized` and `hetero`, checked.
///
/// Defaults are FedTextGrad's as its scripts run: 3 rounds (epochs) of 4 local steps (its
/// `--max_steps 3` loops make four), batches of 3, updates kept only when they improve the
/// batch (`--proximal_update`). docs/protocol.md lists every default and its origin.
struct RunOptions {
  static let labels = [
    "rounds", "epochs", "steps", "batch", "aggregate", "accept", "proximal", "protocol", "select",
    "templates", "short_variables", "seed", "sample", "run", "resume", "checkpoint", "engine", "backward",
    "backward_engine", "redact", "deadline",
  ]

  var rounds = 3
  var steps = 4
  var batch = 3
  var accept = UpdateRule.improve
  var centralizedProtocol = CentralizedProtocol.fedtextgrad
  var selection = TaskSelection.mean
  var templates: PromptTemplates
  var seed = 42
  var clientSelection = ClientSelection.all
  var runID: String?
  var resume = true
  var checkpoint = true
  /// Whether clients cut their training data out of the prompts they send (`redact: true`).
  var redact = false
  /// Seconds a round waits for its clients (`deadline:`), nil: all of them.
  var deadline: Double?
  var aggregator: AggregatorObject?

  init(_ args: Arguments, interpreter: Interpreter, roundsLabel: String = "rounds") throws {
    func integer(_ label: String) throws -> Int? {
      try args.labelled(label).map { try Arguments.integer($0.value, name: label, at: $0.range) }
    }
    rounds = try integer(roundsLabel) ?? rounds
    steps = try integer("steps") ?? steps
    batch = try integer("batch") ?? batch
    seed = try integer("seed") ?? seed
    if let proximal = try args.labelledBool("proximal") { accept = proximal ? .improve : .noWorse }
    if let given = args.labelled("accept") { accept = try Self.choice(given, "accept", UpdateRule.self) }
    if let given = args.labelled("protocol") {
      centralizedProtocol = try Self.choice(given, "protocol", CentralizedProtocol.self)
    }
    if let given = args.labelled("select") { selection = try Self.choice(given, "select", TaskSelection.self) }
    templates = interpreter.domain.templates
    if let given = args.labelled("templates") {
      templates = try TemplatesObject.resolve(given, over: templates, interpreter: interpreter)
    }
    if let short = try args.labelledBool("short_variables") { templates.shortVariables = short }
    resume = try args.labelledBool("resume") ?? resume
    checkpoint = try args.labelledBool("checkpoint") ?? checkpoint
    redact = try args.labelledBool("redact") ?? redact
    if let given = args.labelled("deadline") {
      guard case .number(let seconds) = given.value, seconds > 0 else {
        throw Diagnostic(
          Messages.argumentType("deadline", expected: "a number of seconds above 0", got: given.value.described),
          at: given.range)
      }
      deadline = seconds
    }
    runID = try args.labelled("run").map { try Prelude.string($0, "run") }
    if let sample = args.labelled("sample") {
      guard case .number(let n) = sample.value, n > 0 else {
        throw Diagnostic(
          Messages.argumentType(
            "sample", expected: "a fraction in (0, 1] or a client count", got: sample.value.described), at: sample.range
        )
      }
      clientSelection = n < 1 ? .fraction(n) : .count(Int(n))
    }
    if let given = args.labelled("aggregate") { aggregator = try Self.aggregator(given) }
  }

  /// One of a fixed set of names (`accept: "improve"`); an unknown one suggests a known one.
  static func choice<Choice: RawRepresentable & CaseIterable>(
    _ given: (value: Value, range: SourceRange), _ label: String, _ type: Choice.Type
  ) throws -> Choice where Choice.RawValue == String {
    let known = Choice.allCases.map(\.rawValue)
    guard case .string(let name) = given.value else {
      throw Diagnostic(
        Messages.argumentType(
          label, expected: "one of " + known.map { "\"\($0)\"" }.joined(separator: ", "), got: given.value.described),
        at: given.range)
    }
    guard let choice = Choice(rawValue: name) else {
      throw Diagnostic(
        Messages.withSuggestion("unknown \(label) '\(name)'", for: name, among: known)
          + " (known: \(known.joined(separator: ", ")))",
        at: given.range)
    }
    return choice
  }

  /// `aggregate: uid` or `aggregate: "uid"`; an unknown name suggests a known one.
  static func aggregator(_ given: (value: Value, range: SourceRange)) throws -> AggregatorObject {
    switch given.value {
    case .object(let a as AggregatorObject): return a
    case .string(let name):
      if let method = AggregationMethod(name: name) { return Prelude.builtinAggregator(method) }
      let known = AggregationMethod.allCases.map(\.rawValue)
      throw Diagnostic(
        Messages.withSuggestion("unknown aggregator '\(name)'", for: name, among: known)
          + " (known: \(known.joined(separator: ", ")))",
        at: given.range)
    default:
      throw Diagnostic(
        Messages.argumentType(
          "aggregate", expected: "an aggregator (concat, concat_dedup, summarize, uid or aggregator(...))",
          got: given.value.described),
        at: given.range)
    }
  }

  /// The run's settings as a record: its row in `table(runs)`.
  func settings(kind: String, clients: Int) -> Record {
    var record = Record([
      ("kind", .string(kind)), ("clients", .number(Double(clients))), ("rounds", .number(Double(rounds))),
      ("steps", .number(Double(steps))), ("batch", .number(Double(batch))),
      ("aggregate", .string(aggregator?.name ?? "concat")), ("accept", .string(accept.rawValue)),
    ])
    if redact { record["redact"] = .bool(true) }
    if let deadline { record["deadline"] = .number(deadline) }
    return record
  }

  /// The configuration of a run.
  ///
  /// Without `run:` the id is a hash of everything that shapes the run, so re-running the same
  /// call after a kill resumes it. Inside a notebook cell, and with `checkpoint: false`, nothing
  /// is written; runs write under `directory` (the host's working folder).
  func configuration(describing identity: String, writes: Bool, directory: String) -> RunConfiguration {
    let shape =
      "\(identity)|\(rounds)|\(steps)|\(batch)|\(accept.rawValue)|\(seed)|\(clientSelection)|\(templates.fingerprint)"
      + (redact ? "|redact" : "") + (deadline.map { "|deadline=\($0)" } ?? "")
    let digest = SHA256.hash(Data(shape.utf8))
    let id = runID ?? "run-" + digest.prefix(6).lowercaseHex
    let directory = writes && checkpoint ? URL(fileURLWithPath: directory) : nil
    var configuration = RunConfiguration(
      runID: id, rounds: rounds, steps: steps, batchSize: batch, updateRule: accept, selection: clientSelection,
      seed: seed, directory: directory, resume: resume)
    configuration.redact = redact
    configuration.deadline = deadline
    return configuration
  }
}
