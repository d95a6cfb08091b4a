import Foundation

@testable import TextGrad

/// A scripted engine that answers by who is asking: the feedback engine (with `feedback`),
/// the optimizer (with `optimizerReplies` in turn, the last one repeating), the aggregate's
/// reducer, or a forward call (with `ANSWER(<last user message>)`).
func routedEngine(
  feedback: String = "be more specific",
  optimizerReplies: [String] = ["<IMPROVED_VARIABLE>improved prompt</IMPROVED_VARIABLE>"]
) -> ScriptedEngine {
  let replies = ReplyQueue(optimizerReplies)
  return ScriptedEngine { request in
    let system = request.messages.first { $0.role == .system }?.content
    let user = request.messages.last { $0.role == .user }?.content ?? ""
    switch system {
    case PromptTemplates.ftg[.backwardSystem]: return feedback
    case PromptTemplates.ftg[.reduceSystem]: return "merged feedback"
    case PromptTemplates.ftg[.optimizerSystem]: return replies.next()
    default: return "ANSWER(\(user))"
    }
  }
}

/// Requests of `engine` whose system prompt is `system`, in arrival order.
func requests(of engine: ScriptedEngine, system: String) -> [ChatRequest] {
  engine.requests.filter { $0.messages.first?.content == system }
}

/// Replies handed out in turn; the last one repeats.
final class ReplyQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var replies: [String]

  init(_ replies: [String]) { self.replies = replies }

  func next() -> String {
    lock.withLock {
      if replies.count > 1 { return replies.removeFirst() }
      return replies.first ?? ""
    }
  }
}
