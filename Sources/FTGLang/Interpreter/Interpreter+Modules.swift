extension Interpreter {
  /// `use "stdlib/sweep"`: runs the module once per session in its own scope, then makes
  /// the names it defines visible where `use` stands.
  func use(_ path: String, at range: SourceRange, in env: Environment) async throws {
    let file = try resolveModule(path, from: currentFile, at: range)
    let scope: Environment
    if let loaded = modules[file] {
      scope = loaded
    } else {
      guard !modulesLoading.contains(file) else { throw Diagnostic(Messages.moduleCycle(path), at: range) }
      modulesLoading.insert(file)
      defer { modulesLoading.remove(file) }
      let text: String
      do {
        text = try host.readFile(atPath: file)
      } catch {
        throw Diagnostic(Messages.moduleUnreadable(file, "\(error.localizedDescription)"), at: range)
      }
      scope = try await runModule(text, file: file, at: range)
      modules[file] = scope
    }
    for name in scope.order {
      if let binding = scope.lookup(name) { env.define(name, binding.value, mutable: false) }
    }
  }

  private func runModule(_ text: String, file: String, at range: SourceRange) async throws -> Environment {
    let (program, diagnostics, _) = await Parser.parse(text, file: file)
    sources[file] = text
    if let first = diagnostics.first { throw first }
    if let unknown = check(program, known: builtins.visibleNames, checksFunctionBodies: true).errors.first {
      throw unknown
    }
    let scope = Environment(parent: builtins)
    let savedFile = currentFile
    currentFile = file
    defer { currentFile = savedFile }
    for statement in program.statements { _ = try await execute(statement, in: scope) }
    return scope
  }

  /// Candidate files: beside the importing file, then in each search path; `.ftg` is added
  /// when missing, and a leading `stdlib/` also matches a search path that is the stdlib itself.
  private func resolveModule(_ path: String, from importingFile: String, at range: SourceRange) throws -> String {
    let name = path.hasSuffix(".ftg") ? path : path + ".ftg"
    let importer = importingFile.hasPrefix("<") ? "." : Paths.directory(of: importingFile)
    let folders = [importer] + moduleSearchPaths
    var candidates = folders.map { Paths.join($0, name) }
    if name.hasPrefix("stdlib/") {
      candidates += moduleSearchPaths.map { Paths.join($0, String(name.dropFirst(7))) }
    }
    if name.hasPrefix("/") { candidates = [name] }
    guard let found = candidates.first(where: { host.fileExists(atPath: $0) }) else {
      throw Diagnostic(Messages.moduleNotFound(path, searched: folders), at: range)
    }
    return Paths.normalized(found)
  }
}

// MARK: - Static checking

extension Interpreter {
  /// The unknown-name errors of `program`, checked before it runs (see `Resolver`), and
  /// the top-level names it reads.
  func check(
    _ program: Program, known: [String], checksFunctionBodies: Bool, laterNames: Set<String> = []
  ) -> (errors: [Diagnostic], reads: Set<String>) {
    var visiting: Set<String> = []
    var resolver = Resolver(known: known, checksFunctionBodies: checksFunctionBodies) { path in
      self.exportedNames(of: path, from: program.file, visiting: &visiting)
    }
    let errors = resolver.check(program, laterNames: laterNames)
    return (errors, resolver.globalReads)
  }

  /// The names `use path` makes visible: the module's top-level bindings and, through its own `use` statements, theirs.
  ///
  /// Nil when the module cannot be found, read or parsed.
  func exportedNames(of path: String, from importer: String, visiting: inout Set<String>) -> Set<String>? {
    let origin = SourceRange(
      file: importer, start: SourceLocation(offset: 0, line: 1, column: 1),
      end: SourceLocation(offset: 0, line: 1, column: 1))
    guard let file = try? resolveModule(path, from: importer, at: origin) else { return nil }
    if let loaded = modules[file] { return Set(loaded.order) }
    guard visiting.insert(file).inserted, let text = try? host.readFile(atPath: file) else { return nil }
    let (program, diagnostics, _) = Parser.parse(text, file: file)
    guard diagnostics.isEmpty else { return nil }
    var names = Set(program.statements.flatMap(\.declaredNames))
    for case .use(let inner) in program.statements.map(\.kind) {
      guard let more = exportedNames(of: inner, from: file, visiting: &visiting) else { return nil }
      names.formUnion(more)
    }
    return names
  }
}
