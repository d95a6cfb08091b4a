import ArgumentParser
import FTGLang
import Foundation

/// `ftg run FILE [--] [ARGS...]`: runs a script; exit status 0 on success, 1 on an error
/// in the script, 2 on bad usage, 3 when a notebook's replay diverged from its record, 4 when
/// a `budget(...)` stopped it (the same command with a larger budget resumes it).
///
/// `--shard I/K` runs share I of K of the script's sweeps, for a scheduler's array job;
/// `ftg merge-results DIR` joins the shares.
///
/// A file with `%%` cell markers is a notebook: its cells replay from `NAME.out/` when they
/// have not changed, and the record is updated for those that ran live.
///
/// `--set name=value` gives a script's `param(name, ...)` another value and `--engine NAME`
/// is `--set engine=NAME`; a notebook run with either records into `NAME.VARIANT.out/`
/// (`paper-1.gpt-4o.out`), so its shipped record stays. Before a fresh run at a terminal, ftg
/// says how many calls and tokens the run will take at most (a dry run against an engine that
/// answers at once) and asks; `--yes` skips the question, `--dry` prints the estimate only.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run an ftg script or notebook.")

  @Flag(help: "Fail on any LLM call a notebook's record cannot answer (for CI and readers without an LLM).")
  var offline = false

  @Flag(help: "Ignore a notebook's record: run every cell live.")
  var fresh = false

  @Option(help: "Run a notebook only up to and including this cell.")
  var only: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp("Give the parameter NAME (declared with param(NAME, ...)) this value.", valueName: "NAME=VALUE"))
  var settings: [String] = []

  @Option(help: "Run on this engine: the same as --set engine=NAME (the notebook must declare param(\"engine\", ...)).")
  var engine: String?

  @Flag(help: "Print the calls and tokens a fresh run would take, per cell, and run nothing.")
  var dry = false

  @Flag(help: "Do not ask before a fresh run.")
  var yes = false

  @Flag(
    help:
      "Run every cell again on the answers its record holds (calling no model) and rewrite the record's outputs, after a change in how ftg prints values."
  )
  var rerender = false

  @Flag(
    help:
      "Stop at every LLM call (a notebook's recorded ones too, offline): its prompt, then its reply; Enter goes on, c runs to the end, q stops."
  )
  var step = false

  @Option(
    help: ArgumentHelp(
      "Run share I of K of every sweep in a script (stdlib/sweep's sweep, shard_of), saving results as NAME.shard-I-of-K.json; join them with ftg merge-results.",
      valueName: "I/K"))
  var shard: String?

  @Argument(help: "The script to run (a .ftg file).")
  var file: String

  @Argument(help: "Arguments for the script, available to it as the list `args`.")
  var arguments: [String] = []

  func run() async throws {
    let text: String
    do {
      text = try String(contentsOfFile: file, encoding: .utf8)
    } catch {
      let reason = ScriptFileError(path: file, underlying: error)
      FileHandle.standardError.write(Data("ftg: \(reason)\n".utf8))
      throw ExitCode.usage
    }
    let environment = ProcessInfo.processInfo.environment
    let host = StandardHost()
    let session = Session(host: host, moduleSearchPaths: ModuleSearchPath.paths(environment))
    session.setArguments(arguments)
    let color = TerminalStyle.detect(isTerminal: isatty(STDERR_FILENO) == 1, environment: environment).color
    let parameters = try parameterValues(declared: Session.declaredParameterNames(in: text))
    session.setParameters(parameters)
    let isNotebook = Notebook.hasCellMarkers(text)
    if step { session.step(with: TerminalStepper(host: host, style: TerminalStyle(color: color))) }
    if let shard {
      guard let share = SweepShard(parsing: shard) else {
        throw ValidationError("--shard \(shard): expected I/K with 1 ≤ I ≤ K, such as 3/16")
      }
      if isNotebook {
        throw ValidationError(
          "\(file) is a notebook, whose record is one whole run; --shard splits the sweeps of plain scripts")
      }
      session.setSweepShard(share)
    }
    if !isNotebook, let flag = notebookFlag {
      throw ValidationError(
        "\(file) has no cells (no line starts with %%), so it has no record: \(flag) applies to notebooks")
    }
    if rerender, fresh || dry {
      throw ValidationError(
        "--rerender answers every call from the record; it cannot be combined with --\(fresh ? "fresh" : "dry")")
    }
    guard isNotebook else {
      if case .failure(let diagnostics) = await session.evaluate(text, file: file) {
        for diagnostic in diagnostics { host.writeError(session.render(diagnostic, color: color) + "\n") }
        throw ExitCode.failing(diagnostics)
      }
      return
    }
    let variant = Self.variantName(parameters)
    if dry || (fresh && !yes && isatty(STDIN_FILENO) == 1) {
      let estimate = await estimateFreshRun(parameters: parameters, variant: variant, color: color)
      host.writeError(estimate + "\n")
      if dry { return }
      host.writeError("Run it live? [y/N] ")
      guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
        host.writeError("not run\n")
        return
      }
    }
    let options = NotebookRunner.Options(
      offline: offline, fresh: fresh, only: only, variant: variant, rerender: rerender)
    let report = await NotebookRunner(session: session, options: options).run(path: file)
    host.writeError(report.summary + "\n")
    for diagnostic in report.errors { host.writeError(session.render(diagnostic, color: color) + "\n") }
    if !report.errors.isEmpty { throw ExitCode.failing(report.errors) }
    if report.diverged { throw ExitCode.divergence }
  }
}

extension RunCommand {
  /// The first option given that only a notebook's record gives a meaning to.
  var notebookFlag: String? {
    [("--offline", offline), ("--fresh", fresh), ("--only", only != nil), ("--dry", dry), ("--rerender", rerender)]
      .first { $0.1 }?.0
  }

  /// `--set` and `--engine` as parameter values; a name the script does not declare is a
  /// usage error that lists the ones it does.
  func parameterValues(declared: [String]) throws -> [String: String] {
    var values: [String: String] = [:]
    for setting in settings {
      guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
        throw ValidationError("--set expects NAME=VALUE, got '\(setting)'")
      }
      values[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
    }
    if let engine { values["engine"] = engine }
    for name in values.keys.sorted() where !declared.contains(name) {
      let known = declared.isEmpty ? "it declares none" : "it declares " + declared.joined(separator: ", ")
      throw ValidationError("'\(file)' has no parameter '\(name)' (\(known); see param(name, default))")
    }
    return values
  }

  /// The record variant a run with these parameters writes: the engine's name, then the
  /// other settings, as a file-name-safe slug; nil for the notebook's own record.
  static func variantName(_ parameters: [String: String]) -> String? {
    guard !parameters.isEmpty else { return nil }
    var parts: [String] = parameters["engine"].map { [$0] } ?? []
    parts += parameters.keys.sorted().filter { $0 != "engine" }.map { "\($0)-\(parameters[$0] ?? "")" }
    let slug = parts.joined(separator: ".").map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" }
    return String(slug)
  }

  /// The dry run's estimate of a fresh run, made in a session of its own.
  func estimateFreshRun(parameters: [String: String], variant: String?, color: Bool) async -> String {
    let environment = ProcessInfo.processInfo.environment
    let session = Session(host: StandardHost(quiet: true), moduleSearchPaths: ModuleSearchPath.paths(environment))
    session.setArguments(arguments)
    session.setParameters(parameters)
    let options = NotebookRunner.Options(only: only, variant: variant, dryRun: true)
    let report = await NotebookRunner(session: session, options: options).run(path: file)
    if let error = report.errors.first {
      return "estimate: the dry run stopped: " + session.render(error, color: color)
    }
    return "estimate of a fresh run of \(file):\n" + report.estimateSummary
  }
}

extension ExitCode {
  /// A notebook replay whose outputs differ from the record.
  static let divergence = ExitCode(3)
  /// A budget that stopped the run.
  static let budgetReached = ExitCode(4)
  /// An engine's server that could not be reached: running again once it is up resumes.
  static let serverUnreachable = ExitCode(5)
  /// An engine the script names that could not be made (unknown name, missing key, bad URL).
  static let engineMisconfigured = ExitCode(6)

  /// The status for a run that ended with `errors`: a budget's, an unreachable server's or a
  /// misconfigured engine's when one of those stopped it, 1 otherwise.
  static func failing(_ errors: [Diagnostic]) -> ExitCode {
    for (kind, status) in [
      (Diagnostic.Kind.budgetReached, budgetReached), (.serverUnreachable, serverUnreachable),
      (.engineMisconfigured, engineMisconfigured),
    ] where errors.contains(where: { $0.kind == kind }) {
      return status
    }
    return .failure
  }
}

/// A script that could not be read, with the path and the reason.
struct ScriptFileError: Error, CustomStringConvertible {
  let path: String
  let underlying: any Error

  var description: String {
    var isFolder: ObjCBool = false
    if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
      return "cannot read '\(path)': no such file"
    }
    if isFolder.boolValue {
      return "cannot read '\(path)': it is a folder"
    }
    if !FileManager.default.isReadableFile(atPath: path) {
      return "cannot read '\(path)': permission denied"
    }
    return "cannot read '\(path)': not UTF-8 text (\(underlying.localizedDescription))"
  }
}
