import Foundation
import TextGrad

/// How the server merges the clients' prompts into one global prompt.
public protocol Aggregator: Sendable {
  /// A short name for logs and records (`concat`, `summarize`, `uid`).
  var name: String { get }
  /// The global prompt made from `prompts` (in client order).
  func aggregate(_ prompts: [String], context: AggregationContext) async throws -> String
  /// The engines the aggregator calls, so a run can count their usage.
  var engines: [any LanguageModel] { get }
}

extension Aggregator {
  /// None: the aggregator makes no model calls.
  public var engines: [any LanguageModel] { [] }
}

/// What an aggregator knows about the round besides the prompts.
public struct AggregationContext: Sendable, Hashable {
  /// The answer-format instructions the merged prompt must end with, each once.
  ///
  /// For a homogeneous run this is the task's one instruction. For a heterogeneous run it is
  /// the instruction of every client's task (sampled this round or not: the merged prompt is
  /// broadcast to all), deduplicated, in client order. Tasks that share an instruction (all
  /// numeric ones) contribute it once, and a task with its own format (word sorting) adds
  /// its own, so every client's answers stay scorable.
  public var answerFormatInstructions: [String]

  /// A context with the given instructions, duplicates removed (first occurrence kept).
  public init(answerFormatInstructions: [String]) {
    var seen: Set<String> = []
    self.answerFormatInstructions = answerFormatInstructions.filter { seen.insert($0).inserted }
  }

  /// `text` without any copy of the instructions, with them appended once at the end.
  ///
  /// Copies are removed wherever they stand (a model often keeps them, sometimes mid-text);
  /// the rest is trimmed and the instructions follow after one space.
  public func withInstructionsOnce(_ text: String) -> String {
    let body = removingInstructions(text)
    let suffix = answerFormatInstructions.joined(separator: " ")
    if suffix.isEmpty { return body }
    return body.isEmpty ? suffix : body + " " + suffix
  }

  /// `text` without any copy of the instructions, trimmed.
  public func removingInstructions(_ text: String) -> String {
    var body = text
    for instruction in answerFormatInstructions where !instruction.isEmpty {
      body = body.replacingOccurrences(of: instruction, with: "")
    }
    return body.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
