import TextGrad

extension Prelude {
  static let templateFunctions: [String: NativeFunction] = [
    "with_templates": NativeFunction(
      signature: "with_templates(templates) { ... }",
      summary:
        "replaces the wording of ftg's requests (a record of template groups, or a JSON file's path): for the rest of the session, or only inside the block",
      example: "with_templates(\"original.json\") { federate(cs, rounds: 3) }", arity: 1...2
    ) { args, interpreter in
      let domain = interpreter.domain
      let replaced = try TemplatesObject.resolve(
        (args.positional[0], args.range(at: 0)), over: domain.templates, interpreter: interpreter)
      guard args.positional.count == 2 else {
        domain.templates = replaced
        return .object(TemplatesObject(domain: domain))
      }
      let block = try args.function(1, "block")
      let saved = domain.templates
      domain.templates = replaced
      defer { domain.templates = saved }
      return try await interpreter.call(block, [], at: args.callRange)
    }
  ]
}
