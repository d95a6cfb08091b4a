import Fed
import TextGrad

/// A finished experiment (`federate`, `centralized`, `hetero`): a row per round for
/// `table` and `plot`, and its settings and results as one row in a list of runs.
final class RunObject: Tabular {
  let result: RunResult
  /// The settings the run was started with, shown first in its summary row.
  let settings: Record
  /// The experiment that made it, for `reaggregate` and `leaks` (its clients, tasks, scorers
  /// and engines).
  let experiment: FederatedRun

  init(_ result: RunResult, settings: Record, experiment: FederatedRun) {
    self.result = result
    self.settings = settings
    self.experiment = experiment
  }

  /// The run given as argument `index`, or an error saying a run was expected.
  static func argument(_ args: Arguments, _ index: Int) throws -> RunObject {
    guard case .object(let run as RunObject) = args.positional[index] else {
      throw Diagnostic(
        Messages.argumentType("run", expected: "a run", got: args.positional[index].described),
        at: args.range(at: index))
    }
    return run
  }

  var typeName: String { "Run" }
  var fieldNames: [String] {
    [
      "kind", "rounds", "val", "best_val", "best_round", "test", "test_by_task", "last_test", "zero_shot",
      "best_prompt", "last_prompt",
      "start_prompt", "kept", "reverted", "skipped", "missing_verdicts", "truncated", "degenerate", "usage",
      "complexity", "settings", "id", "ledger",
    ]
  }

  var rendered: String {
    "<\(result.kind.rawValue) run \(result.runID): \(result.rounds.count) rounds, best val "
      + "\(Self.accuracy(result.bestValidationAccuracy)), test \(Self.accuracy(result.bestTestAccuracy.meanAccuracy))>"
  }

  /// Accuracies with their intervals, when their question counts are known: one task's as a
  /// `Proportion`, several tasks' as the proportion of their mean; a plain number otherwise.
  static func proportion(_ accuracies: [TaskAccuracy]) -> Value {
    let samples = accuracies.compactMap { a in a.count.map { Proportion(accuracy: a.accuracy, of: $0) } }
    guard !samples.isEmpty, samples.count == accuracies.count else { return .number(accuracies.meanAccuracy) }
    return .object(Proportion(meanOf: samples))
  }

  /// The tasks merged prompts are validated and tested on (all tasks, or the first).
  private var evaluationTaskNames: Set<String> { Set(result.lastTestAccuracy.map(\.task)) }

  /// The zero-shot validation on the evaluation tasks: the run's round 0.
  private var startingValidation: Value {
    let names = evaluationTaskNames
    let starting = result.zeroShot.val.filter { names.contains($0.task) }
    return starting.isEmpty ? .number(result.initialValidationAccuracy) : Self.proportion(starting)
  }

  /// A round's validation accuracy, with its interval when it was recorded per task.
  private func validation(_ round: RoundRecord) -> Value {
    round.validationByTask.map(Self.proportion) ?? .number(round.validationAccuracy)
  }

  /// The best prompt's validation accuracy: its round's, or the starting one's.
  private var bestValidation: Value {
    guard let best = result.bestRound, let round = result.rounds.first(where: { $0.round == best }) else {
      return startingValidation
    }
    return validation(round)
  }

  func field(_ name: String) -> Value? {
    switch name {
    case "id": return .string(result.runID)
    case "kind": return .string(result.kind.rawValue)
    case "rounds": return .list(result.rounds.map(FedRecords.round))
    case "val": return .list(result.rounds.map(validation))
    case "best_val": return bestValidation
    case "best_round": return result.bestRound.map { .number(Double($0)) } ?? .null
    case "test": return Self.proportion(result.bestTestAccuracy)
    case "test_by_task":
      return .record(Record(result.bestTestAccuracy.map { ($0.task, Self.proportion([$0])) }))
    case "last_test": return Self.proportion(result.lastTestAccuracy)
    case "best_prompt": return .string(result.bestPrompt)
    case "last_prompt": return .string(result.lastPrompt)
    case "start_prompt": return .string(result.startingPrompt)
    case "zero_shot":
      return .record(
        Record([
          ("val", Self.proportion(result.zeroShot.val)), ("test", Self.proportion(result.zeroShot.test)),
          ("val_by_task", .record(Record(result.zeroShot.val.map { ($0.task, Self.proportion([$0])) }))),
          ("test_by_task", .record(Record(result.zeroShot.test.map { ($0.task, Self.proportion([$0])) }))),
          ("prompts", .list(result.zeroShot.prompts.map(Value.string))),
        ]))
    case "skipped": return .number(Double(result.skippedUpdates))
    case "missing_verdicts": return .number(Double(result.missingVerdicts))
    case "truncated": return .number(Double(result.usage.truncated))
    case "degenerate": return .number(Double(result.usage.degenerate))
    case "kept": return .number(Double(result.keptUpdates.reduce(0, +)))
    case "reverted": return .number(Double(result.revertedUpdates.reduce(0, +)))
    case "usage":
      return .record(
        Record([
          ("calls", .number(Double(result.usage.calls))), ("tokens", .number(Double(result.usage.tokens))),
          ("prompt_tokens", .number(Double(result.usage.promptTokens))),
          ("completion_tokens", .number(Double(result.usage.completionTokens))),
          ("cache_hits", .number(Double(result.usage.cacheHits))),
          ("shared", .number(Double(result.usage.sharedHits))),
          ("truncated", .number(Double(result.usage.truncated))),
          ("by_role", Self.roles(result.usage.roles)),
        ]))
    case "complexity": return RunObject.complexity(result.bestPromptComplexity)
    case "ledger": return RunObject.ledger(result.ledger ?? [])
    case "settings": return .record(settings)
    default: return nil
    }
  }

  /// One row per round: round, validation accuracy, whether it was kept, calls, tokens,
  /// truncated replies (and, in a run that redacts, the spans cut); round 0 is the zero-shot
  /// starting point.
  var rows: [Record] {
    let start = Record([("round", .number(0)), ("val", startingValidation)])
    return [start]
      + result.rounds.map { r in
        var row = Record([
          ("round", .number(Double(r.round + 1))), ("val", validation(r)), ("accepted", .bool(r.accepted)),
          ("calls", .number(Double(r.usage.calls))),
          ("tokens", .number(Double(r.usage.tokens))),
          ("truncated", .number(Double(r.usage.truncated))),
        ])
        if let redacted = r.redacted { row["redacted"] = .number(Double(redacted)) }
        if showsParticipation {
          let absent = r.absent ?? [:]
          row["took_part"] = .string("\(r.selectedClients.count - absent.count)/\(r.selectedClients.count)")
          row["absent"] = .string(absent.keys.sorted().map { "\($0): \(absent[$0] ?? "")" }.joined(separator: "; "))
        }
        return row
      }
  }

  /// Whether some round left a selected client out, so the rows say who took part.
  private var showsParticipation: Bool { result.rounds.contains { $0.absent != nil } }

  /// The ledger as a list of records, one per phase, round, client and role.
  ///
  /// `table` shows it as the run's costs.
  static func ledger(_ rows: [LedgerRow]) -> Value {
    func number(_ n: Int) -> Value { .number(Double(n)) }
    return .list(
      rows.map { row in
        .record(
          Record([
            ("phase", .string(row.attribution.phase.rawValue)),
            ("round", row.attribution.round.map(number) ?? .null),
            ("client", row.attribution.client.map(number) ?? .null),
            ("role", .string(row.role.rawValue)), ("calls", number(row.calls)),
            ("prompt_tokens", number(row.promptTokens)), ("completion_tokens", number(row.completionTokens)),
            ("cache_hits", number(row.cacheHits)), ("shared", number(row.shared)),
            ("record_hits", number(row.recordHits)), ("retries", number(row.retries ?? 0)),
            ("failures", number(row.failures)),
            ("latency_s", .number((row.latency * 1000).rounded() / 1000)),
            ("usd", row.usd.map { .number(($0 * 1_000_000).rounded() / 1_000_000) } ?? .null),
          ]))
      })
  }

  /// Calls, tokens and truncated replies by role.
  static func roles(_ roles: [CallRole: RoleUsage]) -> Value {
    .record(
      Record(
        roles.keys.sorted().map { role in
          let usage = roles[role] ?? RoleUsage()
          return (
            role.rawValue,
            .record(
              Record([
                ("calls", .number(Double(usage.calls))), ("tokens", .number(Double(usage.tokens))),
                ("truncated", .number(Double(usage.truncated))),
                ("degenerate", .number(Double(usage.degenerate))),
              ]))
          )
        }))
  }

  /// One line saying which replies stopped at their token limit, and one for degenerate
  /// replies; nil when there were none.
  var truncationNote: String? {
    let usage = result.usage
    func byRole(_ count: (RoleUsage) -> Int) -> String {
      usage.roles.keys.sorted().compactMap { role -> String? in
        let n = usage.roles[role].map(count) ?? 0
        return n > 0 ? "\(role.rawValue) \(n)" : nil
      }.joined(separator: ", ")
    }
    var lines: [String] = []
    if usage.truncated > 0 {
      lines.append(
        "note: \(usage.truncated) of \(usage.calls) replies stopped at max_tokens (\(byRole { $0.truncated })); raise engine(..., max_tokens:)"
      )
    }
    if usage.degenerate > 0 {
      lines.append(
        "note: \(usage.degenerate) of \(usage.calls) replies were one span repeated (\(byRole { $0.degenerate })); try engine(..., frequency_penalty: 0.5, penalty_window: 512)"
      )
    }
    return lines.isEmpty ? nil : lines.joined(separator: "\n")
  }

  /// The settings, then best validation, best-prompt test and last-prompt test accuracy.
  var summary: Record {
    var row = settings
    row["best_val"] = bestValidation
    row["test"] = Self.proportion(result.bestTestAccuracy)
    row["last_test"] = Self.proportion(result.lastTestAccuracy)
    row["zero_shot_test"] = Self.proportion(result.zeroShot.test.filter { evaluationTaskNames.contains($0.task) })
    row["words"] = .number(Double(result.bestPromptComplexity.wordCount))
    return row
  }

  /// An accuracy as printed in a run's one-line rendering: at most three decimals.
  static func accuracy(_ fraction: Double) -> String { Value.formatToThreeDecimals(fraction) }

  static func complexity(_ c: PromptComplexity) -> Value {
    var record = Record([
      ("words", .number(Double(c.wordCount))), ("entropy", .number(c.characterEntropy)),
      ("compression", .number(c.compressionRatio)),
    ])
    if let tokens = c.engineTokenCount { record["tokens"] = .number(Double(tokens)) }
    if let mean = c.surprisalMean { record["surprisal_mean"] = .number(mean) }
    if let variance = c.surprisalVariance { record["surprisal_variance"] = .number(variance) }
    if let largest = c.surprisalMax { record["surprisal_max"] = .number(largest) }
    if let perplexity = c.perplexity { record["perplexity"] = .number(perplexity) }
    return .record(record)
  }
}
