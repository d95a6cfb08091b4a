import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

@Suite(
  "HTTPDownloader over a loopback server", .enabled(if: LoopbackServer.isAvailable),
  .timeLimit(.minutes(2)))
struct HTTPDownloaderTests {
  let downloader = HTTPDownloader(connectTimeout: 2, totalTimeout: 10)

  @Test("a 200 response returns the body unchanged")
  func downloadsBody() async throws {
    let folder = try TemporaryFolder()
    try folder.write("hello, loopback\n", to: "greeting.txt")
    let server = try await LoopbackServer(serving: folder.url)
    let body = try await downloader.get(server.baseURL + "greeting.txt")
    #expect(String(decoding: body, as: UTF8.self) == "hello, loopback\n")
  }

  @Test("redirects are followed")
  func followsRedirects() async throws {
    let folder = try TemporaryFolder()
    try folder.write("inside", to: "inner/index.html")
    let server = try await LoopbackServer(serving: folder.url)
    // Python's server answers a folder without a trailing slash with 301 to the slashed path.
    let body = try await downloader.get(server.baseURL + "inner")
    #expect(String(decoding: body, as: UTF8.self) == "inside")
  }

  @Test("a 404 is an error naming the status and the URL, and is not transient")
  func notFoundIsAnError() async throws {
    let folder = try TemporaryFolder()
    let server = try await LoopbackServer(serving: folder.url)
    let url = server.baseURL + "missing.json"
    let error = await #expect(throws: HTTPDownloadError.self) { try await downloader.get(url) }
    #expect(error?.reason == .status(code: 404))
    #expect(error?.description.contains(url) == true)
    #expect(error?.description.contains("404") == true)
    #expect(error?.isTransient == false)
  }

  @Test("a closed port is a transfer error with curl's message and the URL")
  func closedPortIsAnError() async throws {
    let folder = try TemporaryFolder()
    let server = try await LoopbackServer(serving: folder.url)
    let url = server.baseURL + "anything"
    await server.stop()
    let error = await #expect(throws: HTTPDownloadError.self) { try await downloader.get(url) }
    guard case .transfer(let code, let message) = error?.reason else {
      Issue.record("expected a transfer error, got \(String(describing: error))")
      return
    }
    #expect(code == 7)  // CURLE_COULDNT_CONNECT
    #expect(!message.isEmpty)
    #expect(error?.description.contains(url) == true)
    #expect(error?.isTransient == true)
  }

  @Test("the total timeout ends a slow transfer")
  func totalTimeout() async throws {
    let folder = try TemporaryFolder()
    let server = try await LoopbackServer(serving: folder.url)
    let impatient = HTTPDownloader(connectTimeout: 2, totalTimeout: 0.5)
    let started = ContinuousClock.now
    let error = await #expect(throws: HTTPDownloadError.self) {
      try await impatient.get(server.baseURL + "slow")
    }
    guard case .transfer(let code, _) = error?.reason else {
      Issue.record("expected a transfer error, got \(String(describing: error))")
      return
    }
    #expect(code == 28)  // CURLE_OPERATION_TIMEDOUT
    #expect(error?.isTransient == true)
    #expect(ContinuousClock.now - started >= .milliseconds(500), "it gave up before its timeout")
    // The server, which would have waited 30 s, saw the client hang up: the transfer ended.
    try await server.wait { $0.hangUps == 1 }
  }

  @Test("cancelling the calling task stops the transfer")
  func cancellation() async throws {
    let folder = try TemporaryFolder()
    let server = try await LoopbackServer(serving: folder.url)
    let url = server.baseURL + "slow"
    // No timeout of its own before the server's 30 s: only the cancellation can end it early.
    let patient = HTTPDownloader(connectTimeout: 2, totalTimeout: 300)
    let download = Task { try await patient.get(url) }
    try await server.wait { $0.slowStarted == 1 }
    download.cancel()
    let result = await download.result
    guard case .failure(let failure) = result, let error = failure as? HTTPDownloadError else {
      Issue.record("expected a cancelled download, got \(result)")
      return
    }
    #expect(error.reason == .cancelled)
    // The server saw the client hang up (else it answers after 30 s, and this waits on to the
    // suite's time limit): the cancellation ended the transfer, not only the task.
    try await server.wait { $0.hangUps == 1 }
  }

  @Test("a malformed URL is a transfer error naming it")
  func malformedURL() async throws {
    let error = await #expect(throws: HTTPDownloadError.self) {
      try await downloader.get("notascheme://")
    }
    #expect(error?.description.contains("notascheme://") == true)
    #expect(error?.isTransient == false)
  }
}
