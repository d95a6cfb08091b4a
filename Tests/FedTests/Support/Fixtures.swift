import Foundation
import TextGrad

@testable import Fed

/// Small tasks and a scripted world for Fed tests.
enum Fixtures {
  static let instruction = "End with the line 'Answer: $VALUE'."
  static let otherInstruction = "End with the line 'Answer: $WORDS'."
  static let marker = "COUNT-EACH-ITEM"
  static let poison = "ALWAYS-SAY-99"

  /// Examples "Question k" whose answer is k % 3.
  static func examples(_ range: Range<Int>) -> [Example] {
    range.map { Example(x: "Question \($0)", y: String($0 % 3)) }
  }

  /// A task with 12 train, 6 val and 6 test examples.
  static func task(
    _ name: TaskName = .objectCounting, instruction: String = Fixtures.instruction,
    offset: Int = 0
  ) -> TaskDefinition {
    TaskDefinition(
      name: name.rawValue, train: examples(offset..<offset + 12), val: examples(offset + 100..<offset + 106),
      test: examples(offset + 200..<offset + 206),
      startingSystemPrompt: "Solve the problem. " + instruction,
      answerFormatInstruction: instruction, scoring: .lastInteger)
  }

  /// The world's answer to a forward request: right for every question once the system
  /// prompt holds the marker, right for even questions only before, always wrong with poison.
  static func forwardAnswer(system: String, question: String) -> String {
    let number = Int(question.split(separator: " ").last ?? "") ?? 0
    if system.contains(poison) { return "Answer: 99" }
    if system.contains(marker) || number % 2 == 0 { return "Reasoning. Answer: \(number % 3)" }
    return "Answer: 98"
  }

  /// An engine playing every part: forward model, feedback engine, optimizer, aggregator,
  /// judge.
  ///
  /// The optimizer appends `insert` to the variable unless it is already there; the judge
  /// answers `verdict`.
  static func engine(
    insert: String = marker, merged: String? = nil, verdict: String = "<ACCURACY>0</ACCURACY>"
  ) -> ScriptedEngine {
    ScriptedEngine { request in
      let system = request.messages.first { $0.role == .system }?.content ?? ""
      let user = request.messages.last { $0.role == .user }?.content ?? ""
      switch system {
      case PromptTemplates.ftg[.backwardSystem]: return "Tell the model to count each item."
      case PromptTemplates.ftg[.judgeSystem]: return verdict
      case PromptTemplates.ftg[.optimizerSystem]:
        let variable = between(user, "<VARIABLE>", "</VARIABLE>") ?? ""
        let updated = variable.contains(insert) ? variable : variable + " " + insert
        return OptimizerPrompts.openTag + updated + OptimizerPrompts.closeTag
      case PromptTemplates.ftg[.aggregateSystem]:
        let first = between(user, "<PROMPT_1>", "</PROMPT_1>") ?? ""
        return LanguageModelAggregator.openTag + (merged ?? "Merged. " + first)
          + LanguageModelAggregator.closeTag
      default: return forwardAnswer(system: system, question: user)
      }
    }
  }

  static func between(_ text: String, _ open: String, _ close: String) -> String? {
    guard let start = text.range(of: open),
      let end = text.range(of: close, range: start.upperBound..<text.endIndex)
    else { return nil }
    return String(text[start.upperBound..<end.lowerBound])
  }

  /// A fresh temporary folder.
  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "fed-tests-" + UUID().uuidString)
  }
}

/// Delays each request of a wrapped engine by a random few milliseconds, to shuffle the order
/// in which concurrent work finishes.
final class JitterEngine: LanguageModel {
  let inner: ScriptedEngine
  init(_ inner: ScriptedEngine) { self.inner = inner }
  var model: String { inner.model }
  var usage: EngineUsage { inner.usage }

  func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try await Task.sleep(nanoseconds: UInt64.random(in: 0...3_000_000))
    return try await inner.complete(request)
  }
}
