import Foundation

/// One `GET` of a server's health URL, answering with the HTTP status.
///
/// llama.cpp's server answers `/health` with 503 while it loads the model and 200 once it
/// can serve requests. The probe goes through the shared curl event loop, so waiting for the
/// answer holds no thread.
struct HealthProbe {
  /// The URL probed, such as `http://127.0.0.1:8080/health`.
  let url: String
  /// Seconds allowed for one probe.
  let timeout: Double

  /// The HTTP status the server answered with, or `nil` when it did not answer at all.
  func status() async throws -> Int? {
    let transfer = CurlTransfer(
      url: url, body: nil, timeouts: CurlTimeouts(connect: timeout, total: timeout))
    do {
      return try await CurlEventLoop.shared.perform(transfer).status
    } catch let cancelled as CancellationError {
      throw cancelled
    } catch {
      return nil
    }
  }
}
