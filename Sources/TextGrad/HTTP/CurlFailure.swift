/// Why a libcurl transfer gave no reply; each client of `CurlEventLoop` turns it into its own
/// error (`EngineError` for chat calls, `HTTPDownloadError` for downloads).
enum CurlFailure: Error, Equatable {
  /// libcurl or the loop could not be set up, or a handle could not be made.
  case setup(message: String)
  /// libcurl ended the transfer with this `CURLcode` and message.
  case transfer(code: Int, message: String)
}
