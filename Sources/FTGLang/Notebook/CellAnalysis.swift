/// A code cell parsed and checked: what it reads from earlier cells and what it binds.
///
/// For a prose cell, each interpolated expression is a program of its own, and nothing is bound.
struct CellAnalysis {
  var program: Program
  /// A prose cell's expressions, each parsed at its place in the file.
  var expressions: [Program] = []
  var errors: [Diagnostic]
  /// Top-level names the cell reads.
  var reads: Set<String>
  /// Names the cell binds at the top level: `let`, `var`, `fn`, assignments, and the names
  /// its `use` statements bring in.
  var binds: Set<String>

  init(_ cell: Notebook.Cell, of notebook: Notebook, laterNames: Set<String>, interpreter: Interpreter) {
    let (program, parseErrors, _) = Parser.parse(notebook.isolated(cell), file: notebook.path)
    self.program = program
    let check = interpreter.check(
      program, known: interpreter.globals.visibleNames, checksFunctionBodies: true, laterNames: laterNames)
    errors = parseErrors.isEmpty ? check.errors : parseErrors
    reads = check.reads
    var binds = Set(program.statements.flatMap(\.declaredNames))
    for statement in program.statements {
      switch statement.kind {
      case .assignment(let target, _):
        if let root = target.rootName { binds.insert(root) }
      case .use(let path):
        var visiting: Set<String> = []
        binds.formUnion(interpreter.exportedNames(of: path, from: notebook.path, visiting: &visiting) ?? [])
      default:
        break
      }
    }
    self.binds = binds
  }

  init(prose: ProseTemplate, of notebook: Notebook, laterNames: Set<String>, interpreter: Interpreter) {
    program = Program(statements: [], file: notebook.path)
    errors = []
    reads = []
    binds = []
    for expression in prose.expressions {
      let text = ProseTemplate.isolated(expression.source, line: expression.line, column: expression.column)
      let (parsed, parseErrors, _) = Parser.parse(text, file: notebook.path)
      let check = interpreter.check(
        parsed, known: interpreter.globals.visibleNames, checksFunctionBodies: true, laterNames: laterNames)
      errors += parseErrors.isEmpty ? check.errors : parseErrors
      reads.formUnion(check.reads)
      expressions.append(parsed)
    }
  }
}

extension Expr {
  /// The variable an assignment target changes: `x` in `x`, `x.a`, `x[0].b`.
  var rootName: String? {
    switch kind {
    case .name(let name): return name
    case .member(let object, _), .index(let object, _): return object.rootName
    default: return nil
    }
  }
}
