/// Why an HTTP download failed; the description names the URL and the cause.
public struct HTTPDownloadError: Error, Equatable, CustomStringConvertible {
  /// The kinds of download failure.
  public enum Reason: Equatable, Sendable {
    /// libcurl could not complete the transfer (DNS, connection refused, timeout, TLS, ...).
    case transfer(curlCode: Int, message: String)
    /// The server answered with a status outside 200..<300.
    case status(code: Int)
    /// The caller's task was cancelled while the transfer ran.
    case cancelled
    /// libcurl refused to start (could not create a handle or set an option).
    case setup(message: String)
  }

  /// The URL that was requested.
  public let url: String
  /// What went wrong.
  public let reason: Reason

  /// Creates an error for `url`.
  public init(url: String, reason: Reason) {
    self.url = url
    self.reason = reason
  }

  /// True when retrying later could succeed (connection problems, timeouts, 429 and 5xx).
  public var isTransient: Bool {
    switch reason {
    case .transfer: return true
    case .status(let code): return code == 429 || code >= 500
    case .cancelled, .setup: return false
    }
  }

  /// A one-line message naming the URL and the cause.
  public var description: String {
    switch reason {
    case .transfer(let code, let message):
      return "GET \(url) failed: \(message) (curl error \(code))"
    case .status(let code):
      return "GET \(url) returned HTTP status \(code)"
    case .cancelled:
      return "GET \(url) was cancelled"
    case .setup(let message):
      return "GET \(url) could not start: \(message)"
    }
  }
}
