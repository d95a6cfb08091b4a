import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

/// A damaged cache never crashes a run: an entry that does not decode is a miss that the live
/// answer replaces, and a file that is not a database is an error naming it.
@Suite struct HostileCacheTests {
  @Test(arguments: [
    "{\"text\": 3, \"promptTokens\": \"many\"}", "{\"text\": \"cut off", "[]", "",
    "{\"text\": \"" + String(repeating: "x", count: 2_000_000),
  ])
  func aDamagedEntryIsAMissThatTheLiveAnswerReplaces(junk: String) async throws {
    let server = try await FakeOpenAIServer()
    let path = temporaryCachePath()
    let store = try SQLiteResponseStore(path: path)
    let engine = CachingEngine(base: try server.engine(), store: store)
    let request = echoRequest("damaged")
    _ = try await engine.complete(request)
    let writer = try SQLiteConnection(path: path, busyTimeout: 5)
    _ = try writer.query("UPDATE responses SET response = ?", [junk], operation: "damage")

    let again = try await engine.complete(request)
    #expect(!again.cached && again.text == "damaged")
    let third = try await engine.complete(request)
    #expect(third.cached && third.text == "damaged")
    #expect(try server.stats().requests == 2)
  }

  @Test func aFileThatIsNotADatabaseIsAnErrorNamingIt() throws {
    let path = temporaryCachePath()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(String(repeating: "not a database ", count: 400).utf8).write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try SQLiteResponseStore(path: path)
    } throws: { error in
      "\(error)".contains(path) && "\(error)".contains("not a database")
    }
  }
}
