import Fed
import TextGrad

extension Prelude {
  static let surprisal: [String: NativeFunction] = [
    "surprisal": NativeFunction(
      signature: "surprisal(text, engine: e, context: nil)",
      summary:
        "how surprising each token of a text is to a model (-ln p, in nats), scored on llama.cpp's server (forced decoding) or vLLM's (prompt log-probabilities), with the mean, variance and largest surprisal and the perplexity: the uniform-information-density measures of a prompt",
      example: "surprisal(run.best_prompt, engine: \"local\").variance", labels: ["engine", "context"], arity: 1...1
    ) { args, interpreter in
      let text = try scoredText(args)
      let engine = try DomainArguments.engine(args, interpreter)
      let context = try args.labelled("context").map { try string($0, "context") } ?? TextScoring.defaultContext
      guard let tokens = try await scores(text, context: context, engine: engine, args, interpreter) else {
        // A dry run's stand-in, shaped like an answer so the code after it runs too.
        return .record(
          Record([
            ("tokens", .list([])), ("n", .number(0)), ("total", .number(0)), ("mean", .number(0)),
            ("variance", .number(0)), ("max", .number(0)), ("perplexity", .number(1)),
          ]))
      }
      let measures = PromptComplexity(
        of: text, engineTokenCount: tokens.count, logProbabilities: tokens.map(\.logProbability))
      let perToken = tokens.map { token in
        Value.record(Record([("token", .string(token.token)), ("surprisal", .number(token.surprisal))]))
      }
      return .record(
        Record([
          ("tokens", .list(perToken)), ("n", .number(Double(tokens.count))),
          ("total", .number(tokens.reduce(0) { $0 + $1.surprisal })),
          ("mean", measures.surprisalMean.map(Value.number) ?? .null),
          ("variance", measures.surprisalVariance.map(Value.number) ?? .null),
          ("max", measures.surprisalMax.map(Value.number) ?? .null),
          ("perplexity", measures.perplexity.map(Value.number) ?? .null),
        ]))
    }
  ]

  /// The text argument of `surprisal` or `complexity`: a string, or a variable's value.
  static func scoredText(_ args: Arguments) throws -> String {
    if case .object(let v as VariableObject) = args.positional[0] { return v.variable.value }
    return try args.string(0, "text")
  }

  /// The log-probabilities of `text`'s tokens under `engine`, or nil in an estimate or a dry
  /// run (whose engine makes up answers, so there is nothing to score; the call is counted).
  static func scores(
    _ text: String, context: String, engine: EngineObject, _ args: Arguments, _ interpreter: Interpreter
  ) async throws
    -> [TokenLogProbability]?
  {
    try await DomainArguments.run(args) {
      guard let method = engine.scoring else {
        throw EngineError.cannotScore(
          "engine '\(engine.name)' is served by a server that reports no log-probabilities of a given text")
      }
      if CallGate.estimating != nil || interpreter.domain.dryRun != nil {
        _ = try await engine.model.complete(
          TextScoring.request(scoring: text, after: context, model: engine.model.model, method: method))
        return nil
      }
      return try await TextScoring.score(text, after: context, with: engine.model, method: method)
    }
  }
}
