extension Prelude {
  static let parameters: [String: NativeFunction] = [
    "param": NativeFunction(
      signature: "param(name, default, doc: \"\")",
      summary:
        "a parameter of a script or notebook: its default, or the value `ftg run --set name=value` gives (read as the default's type)",
      example: "let val = param(\"val\", 30, doc: \"validation questions per task; the paper uses 100\")",
      labels: ["doc"], arity: 2...2
    ) { args, interpreter in
      let name = try args.string(0, "name")
      let fallback = args.positional[1]
      let doc = try args.labelled("doc").map { try string($0, "doc") } ?? ""
      interpreter.declaredParameters.removeAll { $0.name == name }
      interpreter.declaredParameters.append((name, fallback, doc))
      guard let given = interpreter.parameterOverrides[name] else { return fallback }
      switch fallback {
      case .number:
        guard let n = Double(given.replacingOccurrences(of: "_", with: "")) else {
          throw Diagnostic(
            "--set \(name)=\(given): expected a number, as the default \(fallback.rendered) is", at: args.range(at: 1))
        }
        return .number(n)
      case .bool:
        guard let b = Bool(given) else {
          throw Diagnostic("--set \(name)=\(given): expected true or false, as the default is", at: args.range(at: 1))
        }
        return .bool(b)
      default:
        return .string(given)
      }
    }
  ]
}
