import TextGrad

extension Prelude {
  static let budgets: [String: NativeFunction] = [
    "budget": NativeFunction(
      signature: "budget(calls: nil, tokens: nil, usd: nil) { ... }",
      summary:
        "limits the calls models answer (their tokens, and their dollars at the engines' prices) inside the block, or for the rest of the session without one; cache and record answers are free; reaching a limit stops the work cleanly, and the same code with a larger budget resumes it",
      example: "budget(calls: 200, usd: 2) { federate(cs, rounds: 3) }", labels: ["calls", "tokens", "usd"],
      arity: 0...1
    ) { args, interpreter in
      func limit(_ label: String) throws -> Int? {
        guard let given = args.labelled(label) else { return nil }
        let n = try Arguments.integer(given.value, name: label, at: given.range)
        guard n >= 0 else {
          throw Diagnostic(
            Messages.argumentType(label, expected: "a count of at least 0", got: given.value.described),
            at: given.range)
        }
        return n
      }
      var dollars: Double?
      if let given = args.labelled("usd") {
        guard case .number(let n) = given.value, n >= 0 else {
          throw Diagnostic(
            Messages.argumentType("usd", expected: "an amount of at least 0", got: given.value.described),
            at: given.range)
        }
        dollars = n
      }
      let limits = CallBudget.Limits(calls: try limit("calls"), tokens: try limit("tokens"), usd: dollars)
      guard limits.calls != nil || limits.tokens != nil || limits.usd != nil else {
        throw Diagnostic(Messages.missingArgument("calls:, tokens: or usd:", function: "budget"), at: args.callRange)
      }
      let budget = interpreter.domain.budget
      guard !args.positional.isEmpty else {
        budget.setSessionLimits(limits)
        return .null
      }
      let block = try args.function(0, "block")
      budget.push(limits)
      defer { budget.pop() }
      return try await interpreter.call(block, [], at: args.callRange)
    }
  ]
}
