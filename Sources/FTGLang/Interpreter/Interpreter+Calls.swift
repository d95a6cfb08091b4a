extension Interpreter {
  func evaluateCall(
    _ calleeExpr: Expr, _ argumentExprs: [Argument], at range: SourceRange, in env: Environment
  ) async throws -> Value {
    let callee = try await evaluate(calleeExpr, in: env)
    guard case .function(let function) = callee else {
      var message = Messages.cannotCall(callee.typeName)
      if case .member(_, let name) = calleeExpr.kind, Members.properties.contains(name) {
        message += "; '\(name)' is a property: write it without '()'"
      }
      throw Diagnostic(message, at: calleeExpr.range)
    }
    var positional: [(Value, SourceRange)] = []
    var labelled: [(label: String, value: Value, range: SourceRange)] = []
    for argument in argumentExprs {
      let value = try await evaluate(argument.value, in: env)
      if let label = argument.label {
        if labelled.contains(where: { $0.label == label }) {
          throw Diagnostic(Messages.duplicateArgument(label), at: argument.range)
        }
        labelled.append((label, value, argument.range))
      } else {
        positional.append((value, argument.range))
      }
    }
    let arguments = Arguments(
      positional: positional, labelled: labelled, callRange: range, function: function.name)
    return try await call(function, arguments)
  }

  /// Calls a function value; errors inside a user function gain a note naming the call.
  func call(_ function: Function, _ arguments: Arguments) async throws -> Value {
    try tick(arguments.callRange)
    guard callDepth < Limits.callDepth else {
      throw Diagnostic(Messages.callDepthExceeded, at: arguments.callRange)
    }
    callDepth += 1
    defer { callDepth -= 1 }
    switch function.body {
    case .native(let native):
      if let arity = native.arity { try arguments.expect(count: arity, labels: native.labels) }
      return try await native.call(arguments, self)
    case .user(let decl, let closure):
      let scope = try await bindParameters(decl, arguments, closure: closure)
      do {
        return try await executeBlock(decl.body, in: scope)
      } catch Signal.returned(let value) {
        return value
      } catch var diagnostic as Diagnostic where diagnostic.notes.count < 8 {
        let where_ = arguments.callRange
        diagnostic.notes.append(
          "in '\(function.name)' called at \(where_.file):\(where_.start.line):\(where_.start.column)")
        throw diagnostic
      }
    }
  }

  /// Calls a function with positional values only (what `map`, `filter` and friends do).
  func call(_ function: Function, _ values: [Value], at range: SourceRange) async throws -> Value {
    try await call(function, Arguments(values, at: range, function: function.name))
  }

  /// Positional arguments fill parameters in order; labels name any parameter; a missing
  /// parameter takes its default, evaluated in the function's scope at call time.
  private func bindParameters(
    _ decl: FunctionDecl, _ arguments: Arguments, closure: Environment
  ) async throws -> Environment {
    let scope = Environment(parent: closure)
    let name = decl.name ?? "closure"
    let parameters = decl.parameters
    if arguments.count > parameters.count {
      throw Diagnostic(
        Messages.tooManyArguments(name, max: parameters.count), at: arguments.range(at: parameters.count))
    }
    for entry in arguments.labelled {
      guard let i = parameters.firstIndex(where: { $0.name == entry.label }) else {
        let message = Messages.withSuggestion(
          Messages.unknownLabel(entry.label, function: name), for: entry.label, among: parameters.map(\.name))
        throw Diagnostic(message, at: entry.range)
      }
      if i < arguments.count { throw Diagnostic(Messages.duplicateArgument(entry.label), at: entry.range) }
    }
    for (i, parameter) in parameters.enumerated() {
      let value: Value
      if i < arguments.count {
        value = arguments.positional[i]
      } else if let given = arguments.labelled(parameter.name) {
        value = given.value
      } else if let defaultExpr = parameter.defaultValue {
        value = try await evaluate(defaultExpr, in: scope)
      } else {
        throw Diagnostic(Messages.missingArgument(parameter.name, function: name), at: arguments.callRange)
      }
      scope.define(parameter.name, value, mutable: false)
    }
    return scope
  }
}
