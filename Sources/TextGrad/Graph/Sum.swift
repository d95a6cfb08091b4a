/// Joins several variables into one, such as the losses of a batch.
///
/// The forward value is the inputs' values, one per line. The backward step makes no model
/// call: each input requiring gradients gets the sum's feedback, as one gradient, in input
/// order. Unlike TextGrad, which adds that gradient twice and also hands down empty feedback,
/// an input gets it once, and nothing when the sum has no feedback (a sum that is itself the
/// loss), so the inputs then take the base form of their own backward step.
public enum Sum {
  /// Joins `variables`; throws `GraphError.noInputs` when there are none.
  public static func forward(_ variables: [Variable], templates: PromptTemplates = .ftg) throws
    -> Variable
  {
    guard !variables.isEmpty else { throw GraphError.noInputs(operation: "sum") }
    return Variable(
      computed: variables.map(\.value).joined(separator: "\n"),
      role: GraphPrompts.combinationRole(of: uniqueRoles(variables)), predecessors: variables
    ) { sum, _, sink in
      hand(feedback: sum.gradientText, to: sum.predecessors, templates: templates, through: sink)
    }
  }

  /// Gives each variable requiring gradients the same feedback, in order.
  static func hand(
    feedback: String, to variables: [Variable], templates: PromptTemplates = .ftg,
    through sink: GradientSink = .direct
  ) {
    guard !feedback.isEmpty else { return }
    for variable in variables where variable.requiresGrad {
      sink.add(
        variable,
        Gradient(
          text: templates.render(
            .sharedFeedback, ["role": variable.roleDescription, "feedback": feedback])))
    }
  }

  /// The variables' roles, each once, in first-seen order.
  static func uniqueRoles(_ variables: [Variable]) -> [String] {
    var seen: Set<String> = []
    return variables.map(\.roleDescription).filter { seen.insert($0).inserted }
  }
}
