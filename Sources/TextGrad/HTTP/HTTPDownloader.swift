import Foundation

/// A small libcurl client that GETs a URL into memory.
///
/// It follows redirects, applies connect and total timeouts, and treats any final status
/// outside 200..<300 as an error. The transfer runs on the process's libcurl event loop,
/// never on the cooperative thread pool, and stops soon after the calling task is cancelled.
public struct HTTPDownloader: Sendable {
  /// Seconds allowed to establish the connection.
  public var connectTimeout: Double
  /// Seconds allowed for the whole transfer, redirects included.
  public var totalTimeout: Double
  /// The most redirects followed before giving up.
  public var maxRedirects: Int

  /// Creates a downloader with the given limits.
  public init(connectTimeout: Double = 15, totalTimeout: Double = 300, maxRedirects: Int = 10) {
    self.connectTimeout = connectTimeout
    self.totalTimeout = totalTimeout
    self.maxRedirects = maxRedirects
  }

  /// Downloads `url` and returns the response body.
  ///
  /// Throws `HTTPDownloadError` naming the URL: a libcurl failure with curl's message, a
  /// non-2xx status, or cancellation.
  public func get(_ url: String) async throws -> Data {
    let transfer = CurlTransfer(
      url: url, body: nil, timeouts: CurlTimeouts(connect: connectTimeout, total: totalTimeout),
      maxRedirects: maxRedirects, userAgent: "ftg/\(TextGradLibrary.version)")
    let reply: HTTPReply
    do {
      reply = try await CurlEventLoop.shared.perform(transfer)
    } catch is CancellationError {
      throw HTTPDownloadError(url: url, reason: .cancelled)
    } catch CurlFailure.transfer(let code, let message) {
      throw HTTPDownloadError(url: url, reason: .transfer(curlCode: code, message: message))
    } catch CurlFailure.setup(let message) {
      throw HTTPDownloadError(url: url, reason: .setup(message: message))
    }
    guard (200..<300).contains(reply.status) else {
      throw HTTPDownloadError(url: url, reason: .status(code: reply.status))
    }
    return reply.body
  }
}
