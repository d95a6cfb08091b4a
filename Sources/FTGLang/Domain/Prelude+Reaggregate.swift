import Fed
import TextGrad

extension Prelude {
  static let counterfactuals: [String: NativeFunction] = [
    "reaggregate": NativeFunction(
      signature: "reaggregate(run, aggregate: summarize)",
      summary:
        "the run as if the server had merged with another aggregator: each round's recorded client prompts merged again and validated, the best and last prompts tested; no client call is made (merges only: a fresh run with that aggregator gives the reading where clients start from the new merges)",
      example: "let what_if = reaggregate(run, aggregate: summarize)\nprint(table([run, what_if]))",
      labels: ["aggregate"], arity: 1...1
    ) { args, interpreter in
      let original = try RunObject.argument(args, 0)
      let experiment = original.experiment
      guard let given = args.labelled("aggregate") else {
        throw Diagnostic(Messages.missingArgument("aggregate:", function: "reaggregate"), at: args.callRange)
      }
      let choice = try RunOptions.aggregator(given)
      let aggregator = choice.make(experiment.clients[0].backwardEngine, experiment.clients[0].templates)
      let result = try await DomainArguments.run(args) {
        try await experiment.reaggregated(original.result, with: aggregator)
      }
      var settings = original.settings
      settings["aggregate"] = .string(choice.name)
      settings["reaggregated"] = .string("merges only")
      return .object(RunObject(result, settings: settings, experiment: experiment))
    }
  ]
}
