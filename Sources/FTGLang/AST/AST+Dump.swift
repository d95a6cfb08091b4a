/// An S-expression rendering of syntax trees, for parser tests and for debugging.
extension Program {
  var dump: String { statements.map(\.dump).joined(separator: "\n") }
}

extension Stmt {
  var dump: String {
    switch kind {
    case .binding(let name, _, let value, let mutable): return "(\(mutable ? "var" : "let") \(name) \(value.dump))"
    case .assignment(let target, let value): return "(= \(target.dump) \(value.dump))"
    case .function(let decl): return decl.dump
    case .expression(let expr): return expr.dump
    case .forLoop(let variable, _, let sequence, let body): return "(for \(variable) \(sequence.dump) \(body.dump))"
    case .whileLoop(let condition, let body): return "(while \(condition.dump) \(body.dump))"
    case .returnValue(let value): return value.map { "(return \($0.dump))" } ?? "(return)"
    case .breakLoop: return "(break)"
    case .continueLoop: return "(continue)"
    case .use(let path): return "(use \(Value.quote(path)))"
    }
  }
}

extension Block {
  var dump: String { "{" + statements.map(\.dump).joined(separator: " ") + "}" }
}

extension FunctionDecl {
  var dump: String {
    let params = parameters.map { p in p.defaultValue.map { "\(p.name): \($0.dump)" } ?? p.name }
    return "(fn \(name ?? "_") (\(params.joined(separator: " "))) \(body.dump))"
  }
}

extension Expr {
  var dump: String {
    switch kind {
    case .number(let n): return Value.format(n)
    case .string(let s): return Value.quote(s)
    case .interpolation(let parts):
      let pieces = parts.map { part -> String in
        switch part {
        case .text(let t): return Value.quote(t)
        case .expr(let e): return e.dump
        }
      }
      return "(interp " + pieces.joined(separator: " ") + ")"
    case .bool(let b): return b ? "true" : "false"
    case .null: return "nil"
    case .name(let n): return n
    case .list(let items): return "[" + items.map(\.dump).joined(separator: " ") + "]"
    case .record(let entries): return "{" + entries.map { "\($0.key): \($0.value.dump)" }.joined(separator: " ") + "}"
    case .unary(let op, let e): return "(\(op.rawValue) \(e.dump))"
    case .binary(let op, let l, let r): return "(\(op.rawValue) \(l.dump) \(r.dump))"
    case .range(let l, let u, let inclusive): return "(\(inclusive ? "..." : "..<") \(l.dump) \(u.dump))"
    case .call(let callee, let args):
      let shown = args.map { a in a.label.map { "\($0): \(a.value.dump)" } ?? a.value.dump }
      return "(call \(callee.dump)" + shown.map { " " + $0 }.joined() + ")"
    case .member(let e, let name): return "(. \(e.dump) \(name))"
    case .index(let e, let i): return "(index \(e.dump) \(i.dump))"
    case .closure(let decl): return decl.dump
    case .conditional(let node):
      let otherwise = node.otherwise.map { " " + $0.dump } ?? ""
      return "(if \(node.condition.dump) \(node.then.dump)\(otherwise))"
    }
  }
}
