import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

/// Pieces of text collected from a sink, in arrival order.
private final class Pieces: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: [String] = []
  var all: [String] { lock.withLock { collected } }
  func add(_ piece: String) { lock.withLock { collected.append(piece) } }
}

@Suite struct EngineStreamingTests {
  @Test func piecesArriveInOrderAndMakeTheAnswer() async throws {
    let server = try await FakeOpenAIServer()
    let engine = try server.engine()
    let pieces = Pieces()
    let response = try await engine.complete(
      echoRequest("one two three four"), streamingTo: { pieces.add($0) })
    #expect(pieces.all == ["one ", "two ", "three ", "four"])
    #expect(response.text == "one two three four")
    #expect(response.finishReason == "stop")
    #expect(response.promptTokens == 6)
    #expect(response.completionTokens == 4)
    #expect(try server.stats().lastBody?.stream == true)
  }

  @Test func failuresBeforeTheFirstPieceAreRetried() async throws {
    let server = try await FakeOpenAIServer(script: ["503", "drop"])
    let engine = try server.engine(attempts: 3)
    let pieces = Pieces()
    let response = try await engine.complete(echoRequest("a b"), streamingTo: { pieces.add($0) })
    #expect(response.text == "a b")
    #expect(pieces.all.joined() == "a b")
    #expect(try server.stats().requests == 3)
  }

  @Test(arguments: ["malformed", "empty"])
  func unreadableStreamsAreRetriedThenAClearError(failure: String) async throws {
    let server = try await FakeOpenAIServer(fallback: failure)
    let engine = try server.engine(attempts: 2)
    await #expect {
      try await engine.complete(echoRequest("q"), streamingTo: { _ in })
    } throws: { error in
      "\(error)".contains(server.baseURL) && "\(error)".contains("after 2 attempts")
    }
  }

  @Test func serversThatDoNotStreamAreUnderstood() async throws {
    let server = try await FakeOpenAIServer(fallback: "plain")
    let pieces = Pieces()
    let response = try await server.engine().complete(
      echoRequest("not streamed"), streamingTo: { pieces.add($0) })
    #expect(response.text == "not streamed")
    #expect(response.completionTokens == 2)
    #expect(pieces.all == ["not streamed"])
  }

  @Test func cachedAnswersReachTheSinkWhole() async throws {
    let server = try await FakeOpenAIServer()
    let engine = CachingEngine(base: try server.engine(), store: InMemoryResponseStore())
    _ = try await engine.complete(echoRequest("x y z"), streamingTo: { _ in })
    let pieces = Pieces()
    let hit = try await engine.complete(echoRequest("x y z"), streamingTo: { pieces.add($0) })
    #expect(hit.cached)
    #expect(pieces.all == ["x y z"])
    #expect(try server.stats().requests == 1)
  }

  @Test func fakesStreamTheirWholeAnswer() async throws {
    let pieces = Pieces()
    let engine = ScriptedEngine.echo()
    _ = try await engine.complete(echoRequest("whole"), streamingTo: { pieces.add($0) })
    #expect(pieces.all == ["whole"])
  }
}
