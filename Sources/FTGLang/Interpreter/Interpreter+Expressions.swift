extension Interpreter {
  /// Evaluates an expression in a scope.
  func evaluate(_ expr: Expr, in env: Environment) async throws -> Value {
    switch expr.kind {
    case .number(let n): return .number(n)
    case .string(let s): return .string(s)
    case .bool(let b): return .bool(b)
    case .null: return .null
    case .interpolation(let parts):
      var text = ""
      for part in parts {
        switch part {
        case .text(let s): text += s
        case .expr(let e): text += try await evaluate(e, in: env).rendered
        }
      }
      return .string(text)
    case .name(let name):
      return try lookup(name, at: expr.range, in: env)
    case .list(let elements):
      var values: [Value] = []
      values.reserveCapacity(elements.count)
      for element in elements { values.append(try await evaluate(element, in: env)) }
      return .list(values)
    case .record(let entries):
      var record = Record()
      for entry in entries { record[entry.key] = try await evaluate(entry.value, in: env) }
      return .record(record)
    case .unary(let op, let operandExpr):
      let operand = try await evaluate(operandExpr, in: env)
      return try Operators.apply(op, operand, at: expr.range)
    case .binary(.and, let l, let r):
      guard try await condition(l, "operand of '&&'", in: env) else { return .bool(false) }
      return .bool(try await condition(r, "operand of '&&'", in: env))
    case .binary(.or, let l, let r):
      if try await condition(l, "operand of '||'", in: env) { return .bool(true) }
      return .bool(try await condition(r, "operand of '||'", in: env))
    case .binary(let op, let l, let r):
      let left = try await evaluate(l, in: env)
      let right = try await evaluate(r, in: env)
      return try Operators.apply(op, left, right, at: expr.range)
    case .range(let l, let u, let inclusive):
      let lower = try Arguments.integer(try await evaluate(l, in: env), name: "range start", at: l.range)
      let upper = try Arguments.integer(try await evaluate(u, in: env), name: "range end", at: u.range)
      return .range(RangeValue(lower: lower, upper: upper, inclusive: inclusive))
    case .call(let calleeExpr, let argumentExprs):
      return try await evaluateCall(calleeExpr, argumentExprs, at: expr.range, in: env)
    case .member(let objectExpr, let name):
      let object = try await evaluate(objectExpr, in: env)
      return try Members.member(name, of: object, at: expr.range)
    case .index(let objectExpr, let indexExpr):
      let object = try await evaluate(objectExpr, in: env)
      let index = try await evaluate(indexExpr, in: env)
      return try Indexing.get(object, index, at: indexExpr.range)
    case .closure(let decl):
      return .function(Function(name: decl.name ?? "closure", body: .user(decl, env)))
    case .conditional(let node):
      if try await condition(node.condition, "condition", in: env) {
        return try await executeBlock(node.then, in: Environment(parent: env))
      } else if let otherwise = node.otherwise {
        return try await executeBlock(otherwise, in: Environment(parent: env))
      }
      return .null
    }
  }

  func lookup(_ name: String, at range: SourceRange, in env: Environment) throws -> Value {
    if let binding = env.lookup(name) { return binding.value }
    let message = Messages.withSuggestion(
      Messages.unknownName(name), for: name, among: env.visibleNames + Keyword.allCases.map(\.rawValue))
    throw Diagnostic(message, at: range)
  }

  // MARK: - Assignment

  /// `x = v`, `x.key = v`, `xs[i] = v`: updates a `var` binding, copying the path.
  func assign(_ value: Value, to target: Expr, in env: Environment) async throws {
    switch target.kind {
    case .name(let name):
      guard let owner = env.owner(of: name), let binding = owner.lookup(name) else {
        _ = try lookup(name, at: target.range, in: env)
        return
      }
      guard binding.mutable, owner !== builtins else {
        throw Diagnostic(Messages.cannotAssign(name), at: target.range)
      }
      owner.set(name, value)
    case .member(let objectExpr, let key):
      let object = try await evaluate(objectExpr, in: env)
      guard case .record(var record) = object else {
        throw Diagnostic(Messages.noMember(key, type: object.typeName), at: target.range)
      }
      record[key] = value
      try await assign(.record(record), to: objectExpr, in: env)
    case .index(let objectExpr, let indexExpr):
      let object = try await evaluate(objectExpr, in: env)
      let index = try await evaluate(indexExpr, in: env)
      let updated = try Indexing.set(object, index, to: value, at: indexExpr.range)
      try await assign(updated, to: objectExpr, in: env)
    default:
      throw Diagnostic(Messages.invalidAssignmentTarget, at: target.range)
    }
  }
}
