import CCurl

/// The process-wide libcurl set-up, done once before the first handle is created.
///
/// `curl_global_init` must run once before any other libcurl call; Swift initialises a global
/// `let` exactly once and thread-safely, so `CurlEventLoop`, the module's one libcurl user,
/// calls `LibcurlGlobal.ensureInitialized()` before creating its multi handle.
enum LibcurlGlobal {
  private static let initResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

  /// Initialises libcurl on first use; returns libcurl's message if that failed.
  static func ensureInitialized() -> String? {
    let result = initResult
    guard result != CURLE_OK else { return nil }
    return String(cString: curl_easy_strerror(result))
  }
}
