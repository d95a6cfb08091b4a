extension Interpreter {
  /// `use "stdlib/sweep"`: runs the module once per session in its own scope, then makes
  /// the names it defines visible where `use` stands.
  func use(_ path: String, at range: SourceRange, in env: Environment) async throws {
    let file = try resolveModule(path, at: range)
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
    let (program, diagnostics, _) = Parser.parse(text, file: file)
    sources[file] = text
    if let first = diagnostics.first { throw first }
    let scope = Environment(parent: builtins)
    let savedFile = currentFile
    currentFile = file
    defer { currentFile = savedFile }
    for statement in program.statements { _ = try await execute(statement, in: scope) }
    return scope
  }

  /// Candidate files: beside the importing file, then in each search path; `.ftg` is added
  /// when missing, and a leading `stdlib/` also matches a search path that is the stdlib itself.
  private func resolveModule(_ path: String, at range: SourceRange) throws -> String {
    let name = path.hasSuffix(".ftg") ? path : path + ".ftg"
    let importer = currentFile.hasPrefix("<") ? "." : Paths.directory(of: currentFile)
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
