import Foundation
import Testing

@testable import TextGrad

@Suite struct SQLiteResponseStoreTests {
  @Test func defaultPathFollowsTheEnvironment() {
    #expect(
      SQLiteResponseStore.defaultPath(environment: ["FTG_CACHE_DIR": "/data/c", "HOME": "/h"])
        == "/data/c/cache.sqlite")
    #expect(
      SQLiteResponseStore.defaultPath(environment: ["HOME": "/home/ada"])
        == "/home/ada/.cache/ftg/cache.sqlite")
  }

  @Test func entriesSurviveReopening() async throws {
    let path = temporaryCachePath()
    let key = RequestKey(echoRequest("persist"))
    let saved = ChatResponse(text: "kept", promptTokens: 3, completionTokens: 1, latency: 0.25)
    try await SQLiteResponseStore(path: path).save(saved, for: key)
    let reopened = try SQLiteResponseStore(path: path)
    var expected = saved
    expected.cached = true
    #expect(try await reopened.response(for: key) == expected)
    #expect(try await reopened.response(for: RequestKey(echoRequest("other"))) == nil)
  }

  @Test func usesWriteAheadLogging() async throws {
    let path = temporaryCachePath()
    let store = try SQLiteResponseStore(path: path)
    try await store.save(ChatResponse(text: "w"), for: RequestKey(echoRequest("w")))
    withExtendedLifetime(store) {
      #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }
  }

  @Test func unusablePathIsAnErrorNamingIt() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("ftg-cache-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    #expect {
      try SQLiteResponseStore(path: folder)
    } throws: { error in
      "\(error)".hasPrefix("response cache \(folder): cannot")
    }
  }

  @Test func manyConnectionsWriteConcurrently() async throws {
    let path = temporaryCachePath()
    let stores = try (0..<4).map { _ in try SQLiteResponseStore(path: path, busyTimeout: 30) }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<200 {
        let store = stores[index % stores.count]
        group.addTask {
          try await store.save(
            ChatResponse(text: "answer \(index)"), for: RequestKey(echoRequest("q \(index)")))
        }
      }
      try await group.waitForAll()
    }
    let reader = try SQLiteResponseStore(path: path)
    #expect(try await reader.count() == 200)
    for index in [0, 57, 199] {
      #expect(
        try await reader.response(for: RequestKey(echoRequest("q \(index)")))?.text
          == "answer \(index)")
    }
  }

  @Test func aCommitThatFailsFailsEverySaveItCarried() async throws {
    let path = temporaryCachePath()
    let store = try SQLiteResponseStore(path: path, busyTimeout: 0.2)
    let other = try SQLiteConnection(path: path, busyTimeout: 0)
    try other.execute("BEGIN IMMEDIATE", operation: "hold the write lock")
    let failures = await withTaskGroup(of: Bool.self) { group in
      for index in 0..<20 {
        group.addTask {
          do {
            try await store.save(ChatResponse(text: "a \(index)"), for: RequestKey(echoRequest("q \(index)")))
            return false
          } catch {
            return error is CacheError
          }
        }
      }
      return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(failures == 20)
    try other.execute("COMMIT", operation: "release the write lock")
    try await store.save(ChatResponse(text: "after"), for: RequestKey(echoRequest("after")))
    #expect(try await store.count() == 1)
  }
}
