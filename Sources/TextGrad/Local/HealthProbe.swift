import CCurl
import Foundation

/// One `GET` of a server's health URL over libcurl, answering with the HTTP status.
///
/// llama.cpp's server answers `/health` with 503 while it loads the model and 200 once it
/// can serve requests.
struct HealthProbe {
  /// The URL probed, such as `http://127.0.0.1:8080/health`.
  let url: String
  /// Seconds allowed for one probe.
  let timeout: Double

  /// The HTTP status the server answered with, or `nil` when it did not answer at all.
  func status() -> Int? {
    guard Self.globalInit, let handle = curl_easy_init() else { return nil }
    defer { curl_easy_cleanup(handle) }
    let milliseconds = Int(max(1, (timeout * 1000).rounded()))
    _ = ftg_curl_set_string(handle, CURLOPT_URL, url)
    _ = ftg_curl_set_long(handle, CURLOPT_HTTPGET, 1)
    _ = ftg_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
    _ = ftg_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
    _ = ftg_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
    _ = ftg_curl_set_write_function(handle, discardBody)
    guard curl_easy_perform(handle) == CURLE_OK else { return nil }
    var status = 0
    _ = ftg_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
    return status
  }

  private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}

private let discardBody:
  @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    _, size, count, _ in size * count
  }
