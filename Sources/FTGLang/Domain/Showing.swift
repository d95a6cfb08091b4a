import Fed

/// The full text `show(x)` prints: for a Variable its role, whole value, history and
/// gradients; for a run each round's merged prompt, sentence by sentence with the client it
/// most likely came from; for anything else what `print` writes.
enum Showing {
  static func text(_ value: Value) -> String {
    if case .object(let run as RunObject) = value { return text(run) }
    guard case .object(let object as VariableObject) = value else { return value.rendered }
    let variable = object.variable
    var lines = ["role: \(variable.roleDescription)", "value:", indent(variable.value)]
    if !variable.history.isEmpty {
      lines.append("history: \(variable.history.count) earlier value(s); p.history[i] reads them")
    }
    for (i, gradient) in variable.gradients.enumerated() {
      lines.append("gradient \(i + 1):")
      lines.append(indent(gradient.text))
    }
    return lines.joined(separator: "\n")
  }

  /// The run's line, then each round's merged prompt as `ProvenanceLine`s (clients as
  /// `provenance(run)` finds them).
  private static func text(_ run: RunObject) -> String {
    var lines = [run.rendered]
    let tracer = PromptProvenance()
    for round in run.result.rounds {
      lines.append("round \(round.round + 1), merged prompt by source:")
      let clients = round.clients.map { (id: $0.client, prompt: $0.prompt, gradients: $0.gradients) }
      for origin in tracer.origins(of: round.aggregatedPrompt, clients: clients) {
        lines.append(ProvenanceLine.text(origin.sentence, from: origin.client.map { .client($0) } ?? .merge))
      }
    }
    return lines.joined(separator: "\n")
  }

  private static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
  }
}
