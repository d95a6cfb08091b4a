import FTGLang
import Foundation

/// libFuzzer's entry point (`fuzz` does the work).
///
/// One fuzzer input, as UTF-8 source text, through everything the language
/// does with a program it is given (lexing, parsing with recovery, the resolver, the
/// interpreter under a step budget, diagnostics rendering, completion and the shell's
/// "needs more input" check). A crash, a hang or a leak of the budget is a finding.
///
/// Programs that could reach outside the process (engines, tasks, modules, files) are only
/// parsed, checked and completed, never run: a fuzzer must not send requests or write files.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  fuzz(data, count)
}

func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let source = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  let session = Session(host: FuzzHost(), moduleSearchPaths: [])
  session.limitSteps(to: 2_000)
  _ = session.isIncomplete(source)
  _ = session.completions(line: source, cursor: source.count)
  guard !FuzzHost.reachesOutside(source) else { return 0 }
  let finished = Finished()
  Task.detached {
    if case .failure(let diagnostics) = await session.evaluate(source, file: "fuzz.ftg") {
      for diagnostic in diagnostics { _ = session.render(diagnostic, color: true) }
    }
    finished.signal()
  }
  finished.wait()
  return 0
}

/// Waits, off Swift's task threads, for an evaluation to end.
final class Finished: @unchecked Sendable {
  private let semaphore = DispatchSemaphore(value: 0)
  func signal() { semaphore.signal() }
  func wait() { semaphore.wait() }
}

/// A host with no environment and no files: output is dropped.
final class FuzzHost: SessionHost {
  var environment: [String: String] { [:] }
  var workingDirectory: String { "/nonexistent" }
  func write(_ text: String) {}
  func progress(_ text: String) {}
  func readFile(atPath path: String) throws -> String { throw CocoaError(.fileNoSuchFile) }
  func fileExists(atPath path: String) -> Bool { false }
  func directoryEntries(atPath path: String) -> [String] { [] }
  func writeFile(atPath path: String, contents: String) throws { throw CocoaError(.fileWriteNoPermission) }

  /// Names of the builtins that talk to servers, read datasets or touch files.
  static let outsideNames = [
    "engine", "task", "hetero", "use", "save", "llm", "backward", "step", "accuracy", "federate",
    "centralized", "round", "client", "clients", "load", "export",
  ]

  /// True when `source` names one of them anywhere (a cheap, conservative test).
  static func reachesOutside(_ source: String) -> Bool {
    outsideNames.contains { source.contains($0) }
  }
}
