import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

@Suite struct CachingEngineTests {
  @Test func secondIdenticalCallIsAHit() async throws {
    let server = try await FakeOpenAIServer()
    let store = try SQLiteResponseStore(path: temporaryCachePath())
    let engine = CachingEngine(base: try server.engine(), store: store)
    let first = try await engine.complete(echoRequest("cache me"))
    let second = try await engine.complete(echoRequest("cache me"))
    #expect(!first.cached)
    #expect(second.cached)
    #expect(second.text == "cache me")
    #expect(second.promptTokens == first.promptTokens)
    #expect(try server.stats().requests == 1)
    #expect(engine.usage.calls == 2)
    #expect(engine.usage.cacheHits == 1)
    #expect(engine.usage.promptTokens == first.promptTokens)
  }

  @Test func sampledRequestsAreCachedPerSeedOnly() async throws {
    let server = try await FakeOpenAIServer()
    let engine = CachingEngine(base: try server.engine(), store: InMemoryResponseStore())
    for _ in 0..<2 { _ = try await engine.complete(echoRequest("hot", temperature: 0.7)) }
    #expect(try server.stats().requests == 2)
    for _ in 0..<2 { _ = try await engine.complete(echoRequest("hot", temperature: 0.7, seed: 1)) }
    #expect(try server.stats().requests == 3)
    _ = try await engine.complete(echoRequest("hot", temperature: 0.7, seed: 2))
    #expect(try server.stats().requests == 4)
  }

  @Test func offAndRefreshModes() async throws {
    let server = try await FakeOpenAIServer()
    let base = try server.engine()
    let store = InMemoryResponseStore()
    let off = CachingEngine(base: base, store: store, mode: .off)
    for _ in 0..<2 { _ = try await off.complete(echoRequest("x")) }
    #expect(try server.stats().requests == 2)
    #expect(store.count == 0)
    let refresh = CachingEngine(base: base, store: store, mode: .refresh)
    for _ in 0..<2 { #expect(try await !refresh.complete(echoRequest("x")).cached) }
    #expect(try server.stats().requests == 4)
    #expect(store.count == 1)
    let reading = CachingEngine(base: base, store: store)
    #expect(try await reading.complete(echoRequest("x")).cached)
    #expect(try server.stats().requests == 4)
  }

  @Test func failuresAreNotCached() async throws {
    let server = try await FakeOpenAIServer(script: ["400"])
    let store = InMemoryResponseStore()
    let engine = CachingEngine(base: try server.engine(), store: store)
    await #expect(throws: EngineError.self) { try await engine.complete(echoRequest("q")) }
    #expect(store.count == 0)
    #expect(try await engine.complete(echoRequest("q")).text == "q")
    #expect(engine.usage.failures == 1)
  }

  @Test func theDatabaseNeverHoldsTheKeyOrURL() async throws {
    let server = try await FakeOpenAIServer()
    let path = temporaryCachePath()
    let store = try SQLiteResponseStore(path: path)
    let engine = CachingEngine(base: try server.engine(key: "sk-secret-xyz"), store: store)
    _ = try await engine.complete(echoRequest("is my key safe?"))
    #expect(try server.stats().authorization == ["Bearer sk-secret-xyz"])
    let bytes = databaseBytes(at: path)
    #expect(bytes.contains("is my key safe?"))
    #expect(!bytes.contains("sk-secret-xyz"))
    #expect(!bytes.contains("127.0.0.1"))
  }
}
