import Foundation

/// A fake engine for tests of callers: answers with a closure and remembers every request.
///
/// It sends nothing anywhere, so tests can assert on the prompts a caller built.
public final class ScriptedEngine: LanguageModel, @unchecked Sendable {
  /// The model name reported to callers.
  public let model: String
  /// The finish reason of every answer (`length` simulates replies cut at `max_tokens`).
  public let finishReason: String
  private let answer: @Sendable (ChatRequest) throws -> String
  private let meter = UsageMeter()
  private let lock = NSLock()
  private var received: [ChatRequest] = []

  /// An engine that answers each request with `answer(request)`, or throws what it throws.
  public init(
    model: String = "scripted", finishReason: String = "stop",
    answer: @escaping @Sendable (ChatRequest) throws -> String
  ) {
    self.model = model
    self.finishReason = finishReason
    self.answer = answer
  }

  /// An engine that answers the given texts in turn, then repeats the last one.
  public convenience init(model: String = "scripted", answers: [String]) {
    let queue = AnswerQueue(answers)
    self.init(model: model) { _ in queue.next() }
  }

  /// Every request received so far, in arrival order.
  public var requests: [ChatRequest] {
    lock.withLock { received }
  }

  /// The tally of requests answered.
  public var usage: EngineUsage { meter.snapshot }

  /// Records the request and answers it with the script.
  public func complete(_ request: ChatRequest) async throws -> ChatResponse {
    try Task.checkCancellation()
    lock.withLock { received.append(request) }
    do {
      let text = try answer(request)
      let promptWords = request.messages.reduce(0) { $0 + wordCount($1.content) }
      let response = ChatResponse(
        text: text, finishReason: finishReason, promptTokens: promptWords,
        completionTokens: wordCount(text))
      meter.recordAnswer(response)
      return response
    } catch {
      meter.recordFailure()
      throw error
    }
  }

  private func wordCount(_ text: String) -> Int {
    text.split(whereSeparator: \.isWhitespace).count
  }
}

/// Answers handed out one after another; the last one repeats.
private final class AnswerQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var answers: [String]

  init(_ answers: [String]) { self.answers = answers }

  func next() -> String {
    lock.withLock {
      if answers.count > 1 { return answers.removeFirst() }
      return answers.first ?? ""
    }
  }
}
