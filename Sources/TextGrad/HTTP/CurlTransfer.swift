import CCurl
import Foundation

/// What an HTTP server answered: status, headers (names in lower case) and body.
struct HTTPReply: Sendable {
  var status: Int
  var headers: [String: String]
  var body: Data
}

/// Seconds allowed to connect and for a whole exchange.
struct CurlTimeouts: Hashable, Sendable {
  var connect: Double
  var total: Double
}

/// One HTTP request for `CurlEventLoop` (a POST with a body, or a GET): its settings, what
/// libcurl's callbacks receive, and the task waiting for the reply.
///
/// The loop thread alone attaches it to an easy handle, feeds it and finishes it; `cancel()`
/// may come from any thread, so the flag and the continuation are guarded by a lock.
final class CurlTransfer: @unchecked Sendable {
  let url: String
  private let headers: [String]
  private let body: Data?
  private let timeouts: CurlTimeouts
  private let maxRedirects: Int
  private let userAgent: String?
  private let receiveBufferSize: Int?
  /// Receives the body as it arrives when the status is 200 (then it is not kept in the reply).
  private let onSuccessData: (@Sendable (Data) -> Void)?

  private var received = Data()
  private var replyHeaders: [String: String] = [:]
  private var status = 0
  private var headerList: UnsafeMutablePointer<curl_slist>?
  private let errorBuffer: UnsafeMutablePointer<CChar>
  /// The easy handle while the loop runs this transfer.
  var handle: UnsafeMutableRawPointer?

  private let lock = NSLock()
  private var cancelled = false
  private var continuation: CheckedContinuation<HTTPReply, any Error>?

  /// A POST of `body`, or a GET when it is nil, following up to `maxRedirects` redirects;
  /// `receiveBufferSize` overrides libcurl's 16 KB receive buffer.
  init(
    url: String, headers: [String] = [], body: Data?, timeouts: CurlTimeouts,
    maxRedirects: Int = 0, userAgent: String? = nil, receiveBufferSize: Int? = nil,
    onSuccessData: (@Sendable (Data) -> Void)? = nil
  ) {
    self.url = url
    self.headers = headers
    self.body = body
    self.timeouts = timeouts
    self.maxRedirects = maxRedirects
    self.userAgent = userAgent
    self.receiveBufferSize = receiveBufferSize
    self.onSuccessData = onSuccessData
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
  }

  deinit {
    curl_slist_free_all(headerList)
    errorBuffer.deallocate()
  }

  /// Whether the waiting task gave up.
  var isCancelled: Bool { lock.withLock { cancelled } }

  /// Marks the transfer cancelled; the loop removes it at its next wake-up and the waiting
  /// task gets `CancellationError`.
  func cancel() { lock.withLock { cancelled = true } }

  /// Sets the task to resume when the transfer ends; a transfer cancelled before this point
  /// ends at once.
  func awaitReply(_ continuation: CheckedContinuation<HTTPReply, any Error>) -> Bool {
    lock.withLock {
      guard !cancelled else { return false }
      self.continuation = continuation
      return true
    }
  }

  /// Resumes the waiting task with `outcome` (only the first call counts).
  func finish(_ outcome: Result<HTTPReply, any Error>) {
    let waiting = lock.withLock { () -> CheckedContinuation<HTTPReply, any Error>? in
      defer { continuation = nil }
      return continuation
    }
    waiting?.resume(with: outcome)
  }

  /// Resets `handle` and sets it up for this request (libcurl copies the body).
  func attach(to handle: UnsafeMutableRawPointer) {
    self.handle = handle
    curl_easy_reset(handle)
    for header in headers { headerList = curl_slist_append(headerList, header) }
    let context = Unmanaged.passUnretained(self).toOpaque()
    _ = ftg_curl_set_string(handle, CURLOPT_URL, url)
    _ = ftg_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
    _ = ftg_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(timeouts.connect))
    _ = ftg_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(timeouts.total))
    _ = ftg_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
    if let receiveBufferSize { _ = ftg_curl_set_long(handle, CURLOPT_BUFFERSIZE, receiveBufferSize) }
    if let userAgent { _ = ftg_curl_set_string(handle, CURLOPT_USERAGENT, userAgent) }
    if maxRedirects > 0 {
      _ = ftg_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
      _ = ftg_curl_set_long(handle, CURLOPT_MAXREDIRS, maxRedirects)
    }
    _ = ftg_curl_set_slist(handle, CURLOPT_HTTPHEADER, headerList)
    _ = ftg_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    if let body {
      _ = ftg_curl_set_long(handle, CURLOPT_POST, 1)
      _ = ftg_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
      body.withUnsafeBytes { bytes in
        _ = ftg_curl_set_pointer(
          handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
      }
    } else {
      _ = ftg_curl_set_long(handle, CURLOPT_HTTPGET, 1)
    }
    _ = ftg_curl_set_write_function(handle, receiveBody)
    _ = ftg_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
    _ = ftg_curl_set_header_function(handle, receiveHeader)
    _ = ftg_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
  }

  /// The reply, or the error, for libcurl's result `code` on the attached handle.
  func outcome(_ code: CURLcode) -> Result<HTTPReply, any Error> {
    if isCancelled { return .failure(CancellationError()) }
    guard code == CURLE_OK, let handle else {
      let detail = String(cString: errorBuffer)
      let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
      return .failure(CurlFailure.transfer(code: Int(code.rawValue), message: message))
    }
    var status = 0
    _ = ftg_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
    return .success(HTTPReply(status: status, headers: replyHeaders, body: received))
  }

  /// Whole milliseconds, rounded up; 0 (no limit) for a limit that is not positive.
  private func milliseconds(_ seconds: Double) -> Int {
    guard seconds.isFinite, seconds > 0 else { return 0 }
    return Int(min(seconds * 1000, Double(Int32.max)).rounded(.up))
  }

  // MARK: - What libcurl's callbacks deliver (on the loop thread)

  fileprivate func receive(_ chunk: Data) {
    if status == 200, let onSuccessData {
      onSuccessData(chunk)
    } else {
      received.append(chunk)
    }
  }

  /// Takes one header line: a status line starts a new set of headers (after a redirect or
  /// a `100 Continue`); any other line is `name: value`, the name kept in lower case.
  fileprivate func receive(headerLine line: UnsafeBufferPointer<UInt8>) {
    if line.starts(with: "HTTP/".utf8) {
      replyHeaders = [:]
      let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
      status = fields.count > 1 ? Int(String(decoding: Self.trimmed(fields[1]), as: UTF8.self)) ?? 0 : 0
    } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
      let name = Self.trimmed(line[..<colon]).map { $0 | (0x41...0x5a ~= $0 ? 0x20 : 0) }
      let value = Self.trimmed(line[(colon + 1)...])
      replyHeaders[String(decoding: name, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
    }
  }

  /// `bytes` without leading and trailing spaces, tabs, carriage returns and line feeds.
  private static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0d || byte == 0x0a }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }),
      let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return bytes[bytes.startIndex..<bytes.startIndex] }
    return bytes[first...last]
  }
}

// MARK: - libcurl callbacks

private func transfer(_ context: UnsafeMutableRawPointer?) -> CurlTransfer? {
  guard let context else { return nil }
  return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
}

private let receiveBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
  data, size, count, context in
  guard let data, let transfer = transfer(context) else { return 0 }
  let length = size * count
  transfer.receive(Data(bytes: data, count: length))
  return length
}

private let receiveHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
  data, size, count, context in
  guard let data, let transfer = transfer(context) else { return 0 }
  let length = size * count
  data.withMemoryRebound(to: UInt8.self, capacity: length) {
    transfer.receive(headerLine: UnsafeBufferPointer(start: $0, count: length))
  }
  return length
}
