/// Joins several variables into one whose feedback is merged before it is handed down.
///
/// The forward value is the inputs' values, one per line, as for `Sum`. The backward step
/// first asks the backward engine to merge all the feedback the aggregate received into one
/// text (TextGrad's "reduce mean"), then gives each input requiring gradients that text.
/// With a single piece of feedback there is nothing to merge and no model call is made.
public enum Aggregate {
  /// Joins `variables`; throws `GraphError.noInputs` when there are none.
  public static func forward(_ variables: [Variable], templates: PromptTemplates = .ftg) throws
    -> Variable
  {
    guard !variables.isEmpty else { throw GraphError.noInputs(operation: "aggregate") }
    return Variable(
      computed: variables.map(\.value).joined(separator: "\n"),
      role: GraphPrompts.combinationRole(of: Sum.uniqueRoles(variables)),
      predecessors: variables
    ) { aggregate, engine, sink in
      try await backward(aggregate: aggregate, engine: engine, templates: templates, sink: sink)
    }
  }

  /// Merges the aggregate's feedback with the engine and hands the result to every input.
  static func backward(
    aggregate: Variable, engine: any LanguageModel, templates: PromptTemplates = .ftg,
    sink: GradientSink = .direct
  ) async throws {
    let feedback = aggregate.gradients.map(\.text)
    guard feedback.count > 1 else {
      Sum.hand(
        feedback: feedback.first ?? "", to: aggregate.predecessors, templates: templates,
        through: sink)
      return
    }
    let numbered = feedback.enumerated().map { index, text in
      "<FEEDBACK-\(index + 1)>\(text)</FEEDBACK-\(index + 1)>"
    }
    let request = templates.render(
      .reduceRequest, ["feedback": numbered.joined(separator: "\n\n")])
    let merged = try await CallRole.during(.backward) {
      try await engine.complete(
        [.system(templates[.reduceSystem]), .user(request)], temperature: 0)
    }
    Sum.hand(
      feedback: merged.text, to: aggregate.predecessors, templates: templates, through: sink)
  }
}
