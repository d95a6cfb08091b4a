import Foundation

/// The global builtins every session starts with.
enum Prelude {
  static func install(in env: Environment) {
    for (name, value) in aggregators { env.define(name, value, mutable: false) }
    let groups = [
      core, math, figures, parameters, sweeps, textGrad, fed, runs, counterfactuals, privacy, provenance, surprisal,
      templateFunctions, budgets, estimates,
    ]
    let all = groups.reduce(into: [String: NativeFunction]()) { $0.merge($1) { a, _ in a } }
    for (name, native) in all {
      env.define(name, .function(Function(name: name, body: .native(native))), mutable: false)
    }
  }

  static let core: [String: NativeFunction] = [
    "print": NativeFunction(
      signature: "print(values...)", summary: "writes the values separated by spaces, then a newline",
      example: "print(\"accuracy\", 0.75)   # accuracy 0.75", arity: 0...Int.max
    ) { args, interpreter in
      interpreter.write(args.positional.map(\.rendered).joined(separator: " ") + "\n")
      return .null
    },
    "help": NativeFunction(
      signature: "help(x)", summary: "shows what a value, function or method is and how to use it",
      example: "help(print)   # or help(xs.map)", arity: 1...1
    ) { args, interpreter in
      interpreter.write(Help.text(for: args.positional[0]) + "\n")
      return .null
    },
    "type": NativeFunction(
      signature: "type(x)", summary: "the name of the value's type", example: "type([1, 2])   # \"List\"", arity: 1...1
    ) { args, _ in
      return .string(args.positional[0].typeName)
    },
    "str": NativeFunction(
      signature: "str(x)", summary: "the value as print would write it", example: "str(0.5) + \"!\"   # \"0.5!\"",
      arity: 1...1
    ) { args, _ in
      return .string(args.positional[0].rendered)
    },
    "num": NativeFunction(
      signature: "num(s)", summary: "the number a string spells, or nil", example: "num(\"42\")   # 42", arity: 1...1
    ) { args, _ in
      if case .number = args.positional[0] { return args.positional[0] }
      let text = try args.string(0, "s").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
      return Double(text).map(Value.number) ?? .null
    },
    "assert": NativeFunction(
      signature: "assert(condition, message?)", summary: "stops with an error when condition is false",
      example: "assert(acc >= 0, \"accuracy is a fraction\")", arity: 1...2
    ) { args, _ in
      guard case .bool(let ok) = args.positional[0] else {
        throw args.typeError(0, "condition", expected: "a Bool")
      }
      if !ok {
        let message = args.count == 2 ? args.positional[1].rendered : "assertion failed"
        throw Diagnostic(message, at: args.callRange)
      }
      return .null
    },
    "fail": NativeFunction(
      signature: "fail(message)", summary: "stops with an error carrying message",
      example: "if steps < 1 { fail(\"steps must be positive\") }", arity: 1...1
    ) { args, _ in
      throw Diagnostic(args.positional[0].rendered, at: args.callRange)
    },
    "zip": NativeFunction(
      signature: "zip(a, b)", summary: "[a[i], b[i]] pairs, as long as the shorter list",
      example: "zip([1, 2], [\"x\", \"y\"])   # [[1, \"x\"], [2, \"y\"]]", arity: 2...2
    ) { args, _ in
      let a = try Iteration.elements(of: args.positional[0], at: args.range(at: 0))
      let b = try Iteration.elements(of: args.positional[1], at: args.range(at: 1))
      return .list(zip(a, b).map { .list([$0, $1]) })
    },
  ]
}
