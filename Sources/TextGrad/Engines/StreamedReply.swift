import Foundation

/// Receives pieces of an answer as the server produces them, in order.
public typealias TextSink = @Sendable (String) -> Void

/// Assembles a streamed chat completion (`stream: true`, server-sent events) as it arrives,
/// passing each new piece of text to a sink.
///
/// Fed from libcurl's thread; read once the transfer has ended.
final class StreamedReply: @unchecked Sendable {
  private struct Chunk: Decodable {
    struct Choice: Decodable {
      struct Delta: Decodable { let content: String? }
      let delta: Delta?
      let finishReason: String?
      enum CodingKeys: String, CodingKey {
        case delta
        case finishReason = "finish_reason"
      }
    }
    let choices: [Choice]?
    let usage: ChatCompletionReply.Usage?
  }

  private let lock = NSLock()
  private let sink: TextSink
  private var pending = Data()
  private var raw = Data()
  private var text = ""
  private var finishReason: String?
  private var usage: ChatCompletionReply.Usage?
  private var events = 0
  private var unreadable: String?
  private var done = false

  init(sink: @escaping TextSink) { self.sink = sink }

  /// Whether any text has reached the sink (then the request can no longer be retried).
  var hasDeliveredText: Bool { lock.withLock { !text.isEmpty } }

  /// Takes the next bytes of the event stream.
  func feed(_ data: Data) {
    let pieces = lock.withLock { () -> [String] in
      pending.append(data)
      if events == 0 { raw.append(data) }
      var pieces: [String] = []
      while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
        pending.removeSubrange(pending.startIndex...newline)
        if let piece = take(line: line.trimmingCharacters(in: .whitespacesAndNewlines)) {
          pieces.append(piece)
        }
      }
      return pieces
    }
    for piece in pieces { sink(piece) }
  }

  /// The whole answer, or a retryable error naming `url` when the stream was unreadable.
  func response(url: String, latency: Double) throws(EngineError) -> ChatResponse {
    lock.lock()
    defer { lock.unlock() }
    if events == 0 && unreadable == nil {
      // A server that ignores `stream: true` answers with one plain completion.
      let whole = try ChatCompletionReply.response(from: raw, url: url, latency: latency)
      text = whole.text
      sink(whole.text)
      return whole
    }
    if let unreadable { throw .malformedResponse(url: url, detail: unreadable) }
    if !done && finishReason == nil {
      throw .connectionLost(url: url, detail: "the answer stream ended early")
    }
    return ChatResponse(
      text: text, finishReason: finishReason, promptTokens: usage?.promptTokens ?? 0,
      completionTokens: usage?.completionTokens ?? 0, latency: latency)
  }

  private func take(line: String) -> String? {
    guard line.hasPrefix("data:") else { return nil }
    let payload = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
    if payload == "[DONE]" {
      done = true
      return nil
    }
    guard let chunk = try? JSONDecoder().decode(Chunk.self, from: Data(payload.utf8)) else {
      unreadable = "not a chat completion chunk: \(payload.prefix(120))"
      return nil
    }
    events += 1
    if let usage = chunk.usage { self.usage = usage }
    guard let choice = chunk.choices?.first else { return nil }
    if let reason = choice.finishReason { finishReason = reason }
    guard let piece = choice.delta?.content, !piece.isEmpty else { return nil }
    text += piece
    return piece
  }
}
