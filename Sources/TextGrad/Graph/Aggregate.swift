/// Joins several variables into one whose feedback is merged before it is handed down.
///
/// The forward value is the inputs' values, one per line, as for `Sum`. The backward step
/// first asks the backward engine to merge all the feedback the aggregate received into one
/// text (TextGrad's "reduce mean"), then gives each input requiring gradients that text.
/// With a single piece of feedback there is nothing to merge and no model call is made.
public enum Aggregate {
  /// Joins `variables`; throws `GraphError.noInputs` when there are none.
  public static func forward(_ variables: [Variable]) throws -> Variable {
    guard !variables.isEmpty else { throw GraphError.noInputs(operation: "aggregate") }
    return Variable(
      computed: variables.map(\.value).joined(separator: "\n"),
      role: GraphPrompts.combinationRole(of: Sum.uniqueRoles(variables)),
      predecessors: variables
    ) { aggregate, engine, sink in
      try await backward(aggregate: aggregate, engine: engine, sink: sink)
    }
  }

  /// Merges the aggregate's feedback with the engine and hands the result to every input.
  static func backward(
    aggregate: Variable, engine: any LanguageModel, sink: GradientSink = .direct
  ) async throws {
    let feedback = aggregate.gradients.map(\.text)
    guard feedback.count > 1 else {
      Sum.hand(feedback: feedback.first ?? "", to: aggregate.predecessors, through: sink)
      return
    }
    let merged = try await engine.complete(
      [.system(GraphPrompts.reduceSystem), .user(GraphPrompts.reduceRequest(feedback: feedback))],
      temperature: 0)
    Sum.hand(feedback: merged.text, to: aggregate.predecessors, through: sink)
  }
}
