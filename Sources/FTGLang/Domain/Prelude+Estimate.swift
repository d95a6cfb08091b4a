import TextGrad

extension Prelude {
  static let estimates: [String: NativeFunction] = [
    "estimate": NativeFunction(
      signature: "estimate() { ... }",
      summary:
        "the calls and tokens the block would take, found by running it against an engine that answers at once (no model, cache or record is asked, no run checkpoints): {calls, calls_max, answered, tokens_min, tokens_max, usd, assumptions}",
      example: "estimate() { federate(cs, rounds: 3) }.calls", arity: 1...1
    ) { args, interpreter in
      let block = try args.function(0, "block")
      let dryRun = DryRunEngine()
      _ = try await CallGate.$estimating.withValue(dryRun) {
        try await interpreter.call(block, [], at: args.callRange)
      }
      return Estimate(dryRun.tally).value
    }
  ]
}

/// What `estimate` reports of a dry run's tally, with the assumptions behind each figure.
struct Estimate {
  let tally: DryRunEngine.Tally

  init(_ tally: DryRunEngine.Tally) { self.tally = tally }

  /// The words every estimate states its figures under.
  static let assumptions =
    "every reply as short as its format allows and every update kept; calls_max counts one format reminder per judge "
    + "and optimizer call; prompts count between a sixth and a third of their characters as tokens (tokenizers "
    + "differ), with 2-token replies for tokens_min and every reply at its max_tokens for tokens_max (real prompts "
    + "grow with real replies); calls the response cache or the record already answers are counted in calls, and in answered as far as a "
    + "dry run can tell (only requests made before any reply matters, such as a run's first questions); usd is the most "
    + "the calls may cost at their engines' prices (engine(..., price:) or OpenAI's 2025 list prices), nil when an "
    + "engine has none"

  /// A record: `calls`, `calls_max`, `answered`, `tokens_min`, `tokens_max`, `usd`, `assumptions`.
  var value: Value {
    .record(
      Record([
        ("calls", .number(Double(tally.calls))), ("calls_max", .number(Double(tally.ceiling))),
        ("answered", .number(Double(tally.alreadyAnswered))),
        ("tokens_min", .number(Double(tally.promptTokens * 2 / 3 + 2 * tally.calls))),
        ("tokens_max", .number(Double(tally.promptTokens * 4 / 3 + tally.completionTokensCeiling))),
        (
          "usd",
          tally.unpriced == 0 && tally.calls > 0 ? .number((tally.usdCeiling * 10_000).rounded(.up) / 10_000) : .null
        ),
        ("assumptions", .string(Self.assumptions)),
      ]))
  }
}
