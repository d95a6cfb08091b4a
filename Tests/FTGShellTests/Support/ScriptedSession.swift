import FTGLang
import Foundation

@testable import FTGShell

/// A stand-in for the language that records what was evaluated.
///
/// An entry is incomplete while it has more `{` than `}`; `fail` reports one diagnostic;
/// `slow` runs until its task is cancelled; `value N` gives the number N; anything else
/// gives no value.
final class ScriptedSession: LanguageSession, @unchecked Sendable {
  private let lock = NSLock()
  private var evaluatedTexts: [String] = []
  private var slowStarted: CheckedContinuation<Void, Never>?
  private var startedSlowly = false
  private(set) var resetCount = 0

  var evaluated: [String] { lock.withLock { evaluatedTexts } }

  func evaluate(_ text: String, file: String) async -> Session.Outcome {
    lock.withLock { evaluatedTexts.append(text) }
    switch text {
    case "fail":
      return .failure([Self.diagnostic("no such thing", file: file)])
    case "slow":
      lock.withLock {
        startedSlowly = true
        slowStarted?.resume()
        slowStarted = nil
      }
      // A sleep ends at once when its task is cancelled: this waits for the cancellation.
      while !Task.isCancelled {
        try? await Task.sleep(for: .seconds(60))
      }
      return .value(.string("finished anyway"))
    default:
      if text.hasPrefix("value "), let number = Double(text.dropFirst(6)) {
        return .value(.number(number))
      }
      return .value(nil)
    }
  }

  /// Returns once an evaluation of `slow` has started.
  func waitUntilSlowEvaluationStarts() async {
    await withCheckedContinuation { continuation in
      lock.withLock {
        if startedSlowly { continuation.resume() } else { slowStarted = continuation }
      }
    }
  }

  func load(path: String) async -> Session.Outcome {
    path == "missing.ftg"
      ? .failure([Self.diagnostic("cannot read '\(path)'", file: path)]) : .value(nil)
  }

  func isIncomplete(_ text: String) -> Bool {
    text.filter { $0 == "{" }.count > text.filter { $0 == "}" }.count
  }

  func completions(line: String, cursor: Int) -> Session.Completion {
    let word = line.prefix(cursor).reversed().prefix { $0.isLetter }
    let names = ["add", "adder", "accuracy"].filter { $0.hasPrefix(String(word.reversed())) }
    return Session.Completion(start: cursor - word.count, candidates: names)
  }

  func help(_ name: String) -> String? {
    name == "round" ? "round(clients, steps:) — one federated round" : nil
  }

  var bindings: [(name: String, value: String)] { [("x", "1"), ("name", "\"uid\"")] }

  func reset() { lock.withLock { resetCount += 1 } }

  func render(_ diagnostic: Diagnostic, color: Bool) -> String {
    "\(diagnostic.range.file): error: \(diagnostic.message)"
  }

  private static func diagnostic(_ message: String, file: String) -> Diagnostic {
    let start = SourceLocation(offset: 0, line: 1, column: 1)
    return Diagnostic(message, at: SourceRange(file: file, start: start, end: start))
  }
}
