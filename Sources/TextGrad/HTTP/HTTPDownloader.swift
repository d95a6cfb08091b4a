import CCurl
import Dispatch
import Foundation

/// A small libcurl client that GETs a URL into memory.
///
/// It follows redirects, applies connect and total timeouts, and treats any final status
/// outside 200..<300 as an error. The blocking transfer runs on a Dispatch queue, not on the
/// cooperative thread pool, and stops soon after the calling task is cancelled.
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
    let transfer = CurlTransfer(url: url, settings: self)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .utility).async {
          continuation.resume(with: transfer.run())
        }
      }
    } onCancel: {
      transfer.cancel()
    }
  }
}

/// One GET in flight: the libcurl handle's settings, the received bytes and a cancel flag.
///
/// Its mutable state is touched by libcurl's callbacks on the transfer thread and by
/// `cancel()` from any thread, so every access goes through `lock`.
private final class CurlTransfer: @unchecked Sendable {
  private let url: String
  private let settings: HTTPDownloader
  private let lock = NSLock()
  private var body = Data()
  private var cancelled = false

  init(url: String, settings: HTTPDownloader) {
    self.url = url
    self.settings = settings
  }

  func cancel() {
    lock.withLock { cancelled = true }
  }

  var isCancelled: Bool { lock.withLock { cancelled } }

  func append(_ bytes: UnsafeRawBufferPointer) {
    lock.withLock { body.append(contentsOf: bytes) }
  }

  func run() -> Result<Data, HTTPDownloadError> {
    if let message = LibcurlGlobal.ensureInitialized() {
      return .failure(error(.setup(message: "curl_global_init failed: \(message)")))
    }
    if isCancelled { return .failure(error(.cancelled)) }
    guard let handle = curl_easy_init() else {
      return .failure(error(.setup(message: "curl_easy_init returned no handle")))
    }
    defer { curl_easy_cleanup(handle) }
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    defer { errorBuffer.deallocate() }
    let context = Unmanaged.passUnretained(self).toOpaque()
    if let failedOption = configure(handle, errorBuffer: errorBuffer, context: context) {
      return .failure(error(.setup(message: "could not set libcurl option \(failedOption)")))
    }
    let code = curl_easy_perform(handle)
    if code == CURLE_ABORTED_BY_CALLBACK, isCancelled { return .failure(error(.cancelled)) }
    guard code == CURLE_OK else {
      let detail = String(cString: errorBuffer)
      let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
      return .failure(error(.transfer(curlCode: Int(code.rawValue), message: message)))
    }
    var status = 0
    _ = ftg_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
    guard (200..<300).contains(status) else { return .failure(error(.status(code: status))) }
    return .success(lock.withLock { body })
  }

  /// Sets every option; returns the name of the first one libcurl rejected, or nil.
  private func configure(
    _ handle: UnsafeMutableRawPointer, errorBuffer: UnsafeMutablePointer<CChar>,
    context: UnsafeMutableRawPointer
  ) -> String? {
    let longs: [(String, CURLoption, Int)] = [
      ("NOSIGNAL", CURLOPT_NOSIGNAL, 1),
      ("FOLLOWLOCATION", CURLOPT_FOLLOWLOCATION, 1),
      ("MAXREDIRS", CURLOPT_MAXREDIRS, settings.maxRedirects),
      ("CONNECTTIMEOUT_MS", CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(settings.connectTimeout)),
      ("TIMEOUT_MS", CURLOPT_TIMEOUT_MS, Self.milliseconds(settings.totalTimeout)),
      ("NOPROGRESS", CURLOPT_NOPROGRESS, 0),
    ]
    for (name, option, value) in longs {
      if ftg_curl_set_long(handle, option, value) != CURLE_OK { return name }
    }
    let strings: [(String, CURLoption, String)] = [
      ("URL", CURLOPT_URL, url),
      ("USERAGENT", CURLOPT_USERAGENT, "ftg/\(TextGradLibrary.version)"),
      ("ACCEPT_ENCODING", CURLOPT_ACCEPT_ENCODING, ""),
    ]
    for (name, option, value) in strings {
      if ftg_curl_set_string(handle, option, value) != CURLE_OK { return name }
    }
    let pointers: [(String, CURLoption, UnsafeMutableRawPointer)] = [
      ("ERRORBUFFER", CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)),
      ("WRITEDATA", CURLOPT_WRITEDATA, context),
      ("XFERINFODATA", CURLOPT_XFERINFODATA, context),
    ]
    for (name, option, value) in pointers {
      if ftg_curl_set_pointer(handle, option, value) != CURLE_OK { return name }
    }
    if ftg_curl_set_write_function(handle, curlWriteBody) != CURLE_OK { return "WRITEFUNCTION" }
    if ftg_curl_set_progress_function(handle, curlCheckCancel) != CURLE_OK {
      return "XFERINFOFUNCTION"
    }
    return nil
  }

  private func error(_ reason: HTTPDownloadError.Reason) -> HTTPDownloadError {
    HTTPDownloadError(url: url, reason: reason)
  }

  private static func milliseconds(_ seconds: Double) -> Int {
    guard seconds.isFinite, seconds > 0 else { return 0 }
    return Int(min(seconds * 1000, Double(Int32.max)).rounded(.up))
  }
}

/// libcurl's write callback: appends the received bytes to the transfer's body.
private func curlWriteBody(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
  _ context: UnsafeMutableRawPointer?
) -> Int {
  guard let context else { return 0 }
  let byteCount = size * count
  guard let data, byteCount > 0 else { return byteCount }
  let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
  transfer.append(UnsafeRawBufferPointer(start: data, count: byteCount))
  return byteCount
}

/// libcurl's progress callback: a non-zero result aborts the transfer once cancelled.
private func curlCheckCancel(
  _ context: UnsafeMutableRawPointer?, _ downloadTotal: curl_off_t, _ downloadNow: curl_off_t,
  _ uploadTotal: curl_off_t, _ uploadNow: curl_off_t
) -> Int32 {
  guard let context else { return 0 }
  return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
}
