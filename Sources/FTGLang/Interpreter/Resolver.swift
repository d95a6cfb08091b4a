/// Checks, before anything runs, that every name a program uses is defined where it is used,
/// so a typo on line 200 of a notebook is reported before line 1 calls an LLM.
///
/// At the top level a name must be bound before the statement that uses it; inside a
/// function or closure it may also be bound later at the top level (it is looked up when the
/// function runs). Modules named by `use` are read to learn the names they define; one that
/// cannot be read is left to the interpreter to report, and the check then allows any name.
struct Resolver {
  private var scopes: [Set<String>]
  private var laterGlobals: Set<String> = []
  private var functionDepth = 0
  private var allowsAnyName = false
  private var diagnostics: [Diagnostic] = []
  /// Names the program reads from the top level (not its own locals): a notebook cell's
  /// dependencies on earlier cells.
  private(set) var globalReads: Set<String> = []
  /// False at the shell, where a function may use a name that a later entry defines.
  private let checksFunctionBodies: Bool
  /// The names a module defines, or nil when it cannot be read.
  private let moduleNames: (String) -> Set<String>?

  init(known: [String], checksFunctionBodies: Bool, moduleNames: @escaping (String) -> Set<String>?) {
    scopes = [Set(known)]
    self.checksFunctionBodies = checksFunctionBodies
    self.moduleNames = moduleNames
  }

  /// The unknown-name errors of `program`, in source order.
  ///
  /// `laterNames` are bound elsewhere in the same notebook, so functions may use them.
  mutating func check(_ program: Program, laterNames: Set<String> = []) -> [Diagnostic] {
    laterGlobals = Set(program.statements.flatMap(\.declaredNames)).union(laterNames)
    for statement in program.statements { visit(statement) }
    return allowsAnyName ? [] : diagnostics
  }

  private mutating func declare(_ name: String) {
    scopes[scopes.count - 1].insert(name)
  }

  private mutating func scoped(_ body: (inout Resolver) -> Void) {
    scopes.append([])
    body(&self)
    scopes.removeLast()
  }

  private mutating func reference(_ name: String, at range: SourceRange) {
    if let scope = scopes.lastIndex(where: { $0.contains(name) }) {
      if scope == 0 { globalReads.insert(name) }
      return
    }
    globalReads.insert(name)
    if functionDepth > 0 && (laterGlobals.contains(name) || !checksFunctionBodies) { return }
    let later = functionDepth > 0 ? Array(laterGlobals) : []
    let visible = scopes.flatMap { $0 } + later + Keyword.allCases.map(\.rawValue)
    diagnostics.append(
      Diagnostic(Messages.withSuggestion(Messages.unknownName(name), for: name, among: visible), at: range))
  }

  // MARK: - Walk

  private mutating func visit(_ statement: Stmt) {
    switch statement.kind {
    case .binding(let name, _, let value, _):
      visit(value)
      declare(name)
    case .assignment(let target, let value):
      visit(target)
      visit(value)
    case .function(let decl):
      if let name = decl.name { declare(name) }
      visit(decl)
    case .expression(let expr):
      visit(expr)
    case .forLoop(let variable, _, let sequence, let body):
      visit(sequence)
      scoped { r in
        r.declare(variable)
        r.visit(body)
      }
    case .whileLoop(let condition, let body):
      visit(condition)
      scoped { $0.visit(body) }
    case .returnValue(let value):
      if let value { visit(value) }
    case .breakLoop, .continueLoop:
      break
    case .use(let path):
      if let names = moduleNames(path) {
        for name in names { declare(name) }
      } else {
        allowsAnyName = true
      }
    }
  }

  private mutating func visit(_ block: Block) {
    for statement in block.statements { visit(statement) }
  }

  private mutating func visit(_ decl: FunctionDecl) {
    functionDepth += 1
    scoped { r in
      for parameter in decl.parameters {
        if let value = parameter.defaultValue { r.visit(value) }
        r.declare(parameter.name)
      }
      r.visit(decl.body)
    }
    functionDepth -= 1
  }

  private mutating func visit(_ expr: Expr) {
    switch expr.kind {
    case .number, .string, .bool, .null:
      break
    case .name(let name):
      reference(name, at: expr.range)
    case .interpolation(let parts):
      for case .expr(let e) in parts { visit(e) }
    case .list(let items):
      for item in items { visit(item) }
    case .record(let entries):
      for entry in entries { visit(entry.value) }
    case .unary(_, let operand):
      visit(operand)
    case .binary(_, let l, let r), .range(let l, let r, _), .index(let l, let r):
      visit(l)
      visit(r)
    case .call(let callee, let arguments):
      visit(callee)
      for argument in arguments { visit(argument.value) }
    case .member(let object, _):
      visit(object)
    case .closure(let decl):
      visit(decl)
    case .conditional(let node):
      visit(node.condition)
      scoped { $0.visit(node.then) }
      if let otherwise = node.otherwise { scoped { $0.visit(otherwise) } }
    }
  }
}

extension Stmt {
  /// The names a top-level statement binds.
  var declaredNames: [String] {
    switch kind {
    case .binding(let name, _, _, _): return [name]
    case .function(let decl): return decl.name.map { [$0] } ?? []
    default: return []
    }
  }
}
