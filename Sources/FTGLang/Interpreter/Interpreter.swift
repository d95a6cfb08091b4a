/// Evaluates parsed programs.
///
/// Global bindings persist across `run` calls, so a shell session or a notebook builds up state
/// one entry at a time.
///
/// One evaluation runs at a time; the shell and notebook runner guarantee it, which is
/// why the class can promise `Sendable`.
final class Interpreter: @unchecked Sendable {
  /// Unwinds `return`, `break` and `continue` to the construct that handles them.
  enum Signal: Error {
    case returned(Value)
    case breakLoop
    case continueLoop
  }

  let builtins: Environment
  let globals: Environment
  let host: any SessionHost
  let moduleSearchPaths: [String]
  /// Engines, tasks and optimizers made by the domain builtins.
  let domain: DomainContext
  var callDepth = 0
  /// When set, the number of statements, iterations and calls left before evaluation
  /// stops with an error (used to bound fuzzing; unlimited otherwise).
  var remainingSteps: Int?
  /// The budget each evaluation starts with (nil: unlimited).
  var stepLimit: Int?
  /// Modules already loaded, by path, with the names they defined.
  var modules: [String: Environment] = [:]
  var modulesLoading: Set<String> = []
  /// Source text of every file and entry run so far, by name, for rendering diagnostics.
  var sources: [String: String] = [:]
  /// While a notebook cell runs: what it printed and the figures it made.
  var capture: (output: String, figures: [Figure])?
  /// The file whose code is running, for resolving relative `use` paths.
  var currentFile = "<repl>"
  /// Values `ftg run --set name=value` gives the script's `param(name, ...)` calls.
  var parameterOverrides: [String: String] = [:]
  /// This process's share of a split sweep (`ftg run --shard i/k`), nil for the whole sweep.
  var sweepShard: SweepShard?
  /// The parameters the script declared so far, in order: name, default and description.
  var declaredParameters: [(name: String, fallback: Value, doc: String)] = []

  init(host: any SessionHost, moduleSearchPaths: [String]) {
    self.host = host
    self.moduleSearchPaths = moduleSearchPaths
    domain = DomainContext(environment: host.environment) { [weak host] text in host?.progress(text) }
    builtins = Environment(parent: nil)
    globals = Environment(parent: builtins)
    Prelude.install(in: builtins)
    builtins.define("templates", .object(TemplatesObject(domain: domain)), mutable: false)
  }

  /// Runs a program at global scope; returns the value of its last statement when that
  /// is an expression.
  func run(_ program: Program) async throws -> Value? {
    let savedFile = currentFile
    currentFile = program.file
    defer { currentFile = savedFile }
    var last: Value?
    for statement in program.statements {
      last = try await execute(statement, in: globals)
    }
    return last
  }

  /// Writes program output to the host, and to the capture when a cell is running.
  func write(_ text: String) {
    host.write(text)
    capture?.output += text
  }

  /// Counts one unit of work and stops on cancellation (Ctrl-C) or an exhausted budget.
  func tick(_ range: SourceRange) throws {
    if Task.isCancelled { throw Diagnostic(Messages.interrupted, at: range) }
    if let steps = remainingSteps {
      guard steps > 0 else { throw Diagnostic(Messages.stepLimitExceeded, at: range) }
      remainingSteps = steps - 1
    }
  }

  // MARK: - Statements

  /// Executes one statement; returns its value when it is an expression statement.
  func execute(_ statement: Stmt, in env: Environment) async throws -> Value? {
    try tick(statement.range)
    switch statement.kind {
    case .expression(let expr):
      return try await evaluate(expr, in: env)
    case .binding(let name, let nameRange, let valueExpr, let mutable):
      let value = try await evaluate(valueExpr, in: env)
      if env !== globals, env.isDefinedHere(name) {
        throw Diagnostic(Messages.alreadyDefined(name), at: nameRange)
      }
      env.define(name, value, mutable: mutable)
    case .assignment(let target, let valueExpr):
      let value = try await evaluate(valueExpr, in: env)
      try await assign(value, to: target, in: env)
    case .function(let decl):
      let name = decl.name ?? "fn"
      env.define(name, .function(Function(name: name, body: .user(decl, env))), mutable: false)
    case .forLoop(let variable, _, let sequenceExpr, let body):
      let sequence = try await evaluate(sequenceExpr, in: env)
      try await forLoop(variable, over: sequence, at: sequenceExpr.range, body: body, in: env)
    case .whileLoop(let conditionExpr, let body):
      while try await condition(conditionExpr, "condition", in: env) {
        try tick(conditionExpr.range)
        do {
          _ = try await executeBlock(body, in: Environment(parent: env))
        } catch Signal.breakLoop {
          break
        } catch Signal.continueLoop {
          continue
        }
      }
    case .returnValue(let expr):
      var value = Value.null
      if let expr { value = try await evaluate(expr, in: env) }
      throw Signal.returned(value)
    case .breakLoop:
      throw Signal.breakLoop
    case .continueLoop:
      throw Signal.continueLoop
    case .use(let path):
      try await use(path, at: statement.range, in: env)
    }
    return nil
  }

  /// Runs a block's statements in `env`; its value is that of its last expression statement.
  func executeBlock(_ block: Block, in env: Environment) async throws -> Value {
    var last: Value = .null
    for (i, statement) in block.statements.enumerated() {
      let value = try await execute(statement, in: env)
      if i == block.statements.count - 1 { last = value ?? .null }
    }
    return last
  }

  private func forLoop(
    _ variable: String, over sequence: Value, at range: SourceRange, body: Block, in env: Environment
  ) async throws {
    var iterator = try Iteration.iterator(over: sequence, at: range)
    while let element = iterator.next() {
      try tick(range)
      let scope = Environment(parent: env)
      scope.define(variable, element, mutable: false)
      do {
        _ = try await executeBlock(body, in: scope)
      } catch Signal.breakLoop {
        break
      } catch Signal.continueLoop {
        continue
      }
    }
  }

  func condition(_ expr: Expr, _ context: String, in env: Environment) async throws -> Bool {
    let value = try await evaluate(expr, in: env)
    guard case .bool(let b) = value else {
      throw Diagnostic(Messages.notBool(context, got: value.described), at: expr.range)
    }
    return b
  }
}
