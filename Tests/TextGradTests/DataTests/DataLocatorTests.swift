import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

@Suite("DataLocator")
struct DataLocatorTests {
  /// A small file served by the loopback server, with its real hash.
  static let tinyText = "{\"canary\": \"x\", \"examples\": []}\n"
  static let tiny = DatasetFile(
    path: "bbh/tiny.json", source: .bigBenchHard, remoteName: "tiny.json",
    sha256: Data(tinyText.utf8).sha256Hex)

  @Test(
    "every known file in the shared data folder passes its hash check",
    .enabled(if: SharedDataFolder.isAvailable))
  func sharedFilesVerify() async throws {
    let cache = try TemporaryFolder()
    let locator = SharedDataFolder.offlineLocator(cache: cache.url)
    for file in DatasetFile.all {
      let bytes = try await locator.contents(of: file)
      #expect(bytes.sha256Hex == file.sha256, "\(file)")
    }
  }

  @Test("a data-folder copy with the wrong hash is an error naming file, path and both hashes")
  func localMismatch() async throws {
    let data = try TemporaryFolder()
    let cache = try TemporaryFolder()
    let path = try data.write("not the real file", to: "bbh/object_counting.json").path
    let locator = DataLocator(
      dataDirectory: data.url, cacheDirectory: cache.url,
      baseURLs: [.bigBenchHard: "http://127.0.0.1:9/"])
    let error = await #expect(throws: DataError.self) {
      try await locator.contents(of: .bbhObjectCounting)
    }
    let actual = Data("not the real file".utf8).sha256Hex
    let expected = DatasetFile.bbhObjectCounting.sha256
    #expect(error?.reason == .hashMismatch(location: path, expected: expected, actual: actual))
    for part in ["bbh/object_counting.json", path, actual, DatasetFile.bbhObjectCounting.sha256] {
      #expect(error?.description.contains(part) == true, "\(part)")
    }
  }

  @Test("the data folder is searched before the cache, and the cache before the network")
  func searchOrder() async throws {
    let data = try TemporaryFolder()
    let cache = try TemporaryFolder()
    try cache.write(Self.tinyText, to: Self.tiny.path)
    let locator = DataLocator(
      dataDirectory: data.url, cacheDirectory: cache.url,
      baseURLs: [.bigBenchHard: "http://127.0.0.1:9/"])
    #expect(try await locator.contents(of: Self.tiny) == Data(Self.tinyText.utf8))
    try data.write("wrong", to: Self.tiny.path)
    await #expect(throws: DataError.self) { try await locator.contents(of: Self.tiny) }
    #expect(locator.searchedFolders() == [data.url, cache.url])
  }

  @Test(
    "a download is verified, stored in the cache, and then read from there",
    .enabled(if: LoopbackServer.isAvailable))
  func downloadsIntoCache() async throws {
    let remote = try TemporaryFolder()
    let cache = try TemporaryFolder()
    try remote.write(Self.tinyText, to: "tiny.json")
    let server = try await LoopbackServer(serving: remote.url)
    let locator = DataLocator(
      dataDirectory: nil, cacheDirectory: cache.url, baseURLs: [.bigBenchHard: server.baseURL])
    #expect(try await locator.contents(of: Self.tiny) == Data(Self.tinyText.utf8))
    let stored = cache.url.appendingPathComponent(Self.tiny.path)
    #expect(try Data(contentsOf: stored) == Data(Self.tinyText.utf8))
    await server.stop()
    #expect(try await locator.contents(of: Self.tiny) == Data(Self.tinyText.utf8))
  }

  @Test(
    "a download with the wrong hash is an error naming the URL and is not kept",
    .enabled(if: LoopbackServer.isAvailable))
  func downloadMismatch() async throws {
    let remote = try TemporaryFolder()
    let cache = try TemporaryFolder()
    try remote.write("tampered", to: "tiny.json")
    let server = try await LoopbackServer(serving: remote.url)
    let locator = DataLocator(
      dataDirectory: nil, cacheDirectory: cache.url, baseURLs: [.bigBenchHard: server.baseURL])
    let error = await #expect(throws: DataError.self) { try await locator.contents(of: Self.tiny) }
    let url = server.baseURL + "tiny.json"
    #expect(
      error?.reason
        == .hashMismatch(
          location: url, expected: Self.tiny.sha256, actual: Data("tampered".utf8).sha256Hex))
    let stored = cache.url.appendingPathComponent(Self.tiny.path)
    #expect(!FileManager.default.fileExists(atPath: stored.path))
  }

  @Test(
    "a 404 is an error naming the file, the folders searched and the URL",
    .enabled(if: LoopbackServer.isAvailable))
  func notFound() async throws {
    let remote = try TemporaryFolder()
    let data = try TemporaryFolder()
    let cache = try TemporaryFolder()
    let server = try await LoopbackServer(serving: remote.url)
    let locator = DataLocator(
      dataDirectory: data.url, cacheDirectory: cache.url, baseURLs: [.bigBenchHard: server.baseURL])
    let error = await #expect(throws: DataError.self) { try await locator.contents(of: Self.tiny) }
    let url = server.baseURL + "tiny.json"
    guard case .unavailable(let searched, let reportedURL, let download) = error?.reason else {
      Issue.record("expected an unavailable error, got \(String(describing: error))")
      return
    }
    #expect(searched == [data.url.path, cache.url.path])
    #expect(reportedURL == url)
    #expect(download.reason == .status(code: 404))
    for part in ["bbh/tiny.json", data.url.path, cache.url.path, url, "404"] {
      #expect(error?.description.contains(part) == true, "\(part)")
    }
  }

  @Test(
    "a closed port is an error carrying curl's connection failure",
    .enabled(if: LoopbackServer.isAvailable))
  func deadPort() async throws {
    let remote = try TemporaryFolder()
    let cache = try TemporaryFolder()
    let server = try await LoopbackServer(serving: remote.url)
    await server.stop()
    let locator = DataLocator(
      dataDirectory: nil, cacheDirectory: cache.url, baseURLs: [.bigBenchHard: server.baseURL])
    let error = await #expect(throws: DataError.self) { try await locator.contents(of: Self.tiny) }
    guard case .unavailable(_, _, let download) = error?.reason,
      case .transfer(let code, _) = download.reason
    else {
      Issue.record("expected a transfer failure, got \(String(describing: error))")
      return
    }
    #expect(code == 7)
  }

  @Test(
    "a cache folder that cannot be created is an error naming the path",
    .enabled(if: LoopbackServer.isAvailable))
  func unwritableCache() async throws {
    let remote = try TemporaryFolder()
    let blocker = try remote.write("a file, not a folder", to: "blocker")
    try remote.write(Self.tinyText, to: "tiny.json")
    let server = try await LoopbackServer(serving: remote.url)
    let locator = DataLocator(
      dataDirectory: nil, cacheDirectory: blocker, baseURLs: [.bigBenchHard: server.baseURL])
    let error = await #expect(throws: DataError.self) { try await locator.contents(of: Self.tiny) }
    guard case .cacheWriteFailed(let path, _) = error?.reason else {
      Issue.record("expected a cache write failure, got \(String(describing: error))")
      return
    }
    #expect(path == blocker.appendingPathComponent(Self.tiny.path).path)
  }

  @Test("remote URLs default to the public sources")
  func defaultURLs() {
    let locator = DataLocator(dataDirectory: nil, cacheDirectory: URL(fileURLWithPath: "/tmp"))
    #expect(
      locator.remoteURL(for: .bbhWordSorting)
        == "https://raw.githubusercontent.com/suzgunmirac/BIG-Bench-Hard/main/bbh/"
        + "word_sorting.json")
    #expect(
      locator.remoteURL(for: .gsm8kTest)
        == "https://raw.githubusercontent.com/openai/grade-school-math/master/"
        + "grade_school_math/data/test.jsonl")
    let custom = DataLocator(
      dataDirectory: nil, cacheDirectory: URL(fileURLWithPath: "/tmp"),
      baseURLs: [.gsm8k: "http://mirror.example/gsm"])
    #expect(custom.remoteURL(for: .gsm8kTrain) == "http://mirror.example/gsm/train.jsonl")
  }

  @Test("the environment sets the data folder and the cache, empty values count as unset")
  func environment() {
    let configured = DataLocator.fromEnvironment(
      ["FTG_DATA_DIR": "/data/ftg", "FTG_CACHE_DIR": "/var/cache/ftg", "HOME": "/home/u"])
    #expect(configured.dataDirectory?.path == "/data/ftg")
    #expect(configured.cacheDirectory.path == "/var/cache/ftg/data")
    let defaults = DataLocator.fromEnvironment(["FTG_DATA_DIR": "", "HOME": "/home/u"])
    #expect(defaults.dataDirectory == nil)
    #expect(defaults.cacheDirectory.path == "/home/u/.cache/ftg/data")
  }
}
