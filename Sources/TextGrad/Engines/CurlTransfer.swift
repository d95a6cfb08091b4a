import CCurl
import Foundation

/// What an HTTP server answered: status, headers (names in lower case) and body.
struct HTTPReply: Sendable {
  var status: Int
  var headers: [String: String]
  var body: Data
}

/// A flag a task's cancellation handler sets and a running transfer polls.
final class CancellationFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false

  var isCancelled: Bool { lock.withLock { cancelled } }

  func cancel() { lock.withLock { cancelled = true } }
}

/// The state one transfer's libcurl callbacks write into.
private final class TransferState {
  var body = Data()
  var headers: [String: String] = [:]
  var status = 0
  let flag: CancellationFlag
  let onSuccessData: (@Sendable (Data) -> Void)?

  init(flag: CancellationFlag, onSuccessData: (@Sendable (Data) -> Void)?) {
    self.flag = flag
    self.onSuccessData = onSuccessData
  }
}

/// Seconds allowed to connect and for a whole exchange.
struct CurlTimeouts: Hashable, Sendable {
  var connect: Double
  var total: Double
}

/// One blocking HTTP POST over a libcurl easy handle.
///
/// The handle must not be used by two threads at once; `CurlHandlePool` hands out handles so.
struct CurlTransfer {
  let handle: UnsafeMutableRawPointer
  let url: String
  let headers: [String]
  let body: Data
  let timeouts: CurlTimeouts
  /// Receives the body as it arrives when the status is 200 (then it is not kept in the reply).
  var onSuccessData: (@Sendable (Data) -> Void)? = nil

  /// Performs the POST and returns the server's reply, whatever its status.
  ///
  /// Throws `CancellationError` when `flag` was set, `EngineError` for transport failures.
  func perform(cancelledBy flag: CancellationFlag) throws -> HTTPReply {
    curl_easy_reset(handle)
    let state = TransferState(flag: flag, onSuccessData: onSuccessData)
    let context = Unmanaged.passRetained(state)
    defer { context.release() }
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    defer { errorBuffer.deallocate() }
    var headerList: UnsafeMutablePointer<curl_slist>?
    for header in headers { headerList = curl_slist_append(headerList, header) }
    defer { curl_slist_free_all(headerList) }

    let code = body.withUnsafeBytes { bytes -> CURLcode in
      configure(context: context.toOpaque(), headerList: headerList, errorBuffer: errorBuffer)
      _ = ftg_curl_set_pointer(
        handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
      _ = ftg_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
      return curl_easy_perform(handle)
    }
    if code == CURLE_ABORTED_BY_CALLBACK || flag.isCancelled { throw CancellationError() }
    guard code == CURLE_OK else { throw failure(code, detail: String(cString: errorBuffer)) }
    var status = 0
    _ = ftg_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
    return HTTPReply(status: status, headers: state.headers, body: state.body)
  }

  private func configure(
    context: UnsafeMutableRawPointer, headerList: UnsafeMutablePointer<curl_slist>?,
    errorBuffer: UnsafeMutablePointer<CChar>
  ) {
    _ = ftg_curl_set_string(handle, CURLOPT_URL, url)
    _ = ftg_curl_set_long(handle, CURLOPT_POST, 1)
    _ = ftg_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
    _ = ftg_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(timeouts.connect))
    _ = ftg_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(timeouts.total))
    _ = ftg_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
    _ = ftg_curl_set_slist(handle, CURLOPT_HTTPHEADER, headerList)
    _ = ftg_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    _ = ftg_curl_set_write_function(handle, receiveBody)
    _ = ftg_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
    _ = ftg_curl_set_header_function(handle, receiveHeader)
    _ = ftg_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
    _ = ftg_curl_set_progress_function(handle, checkCancellation)
    _ = ftg_curl_set_pointer(handle, CURLOPT_XFERINFODATA, context)
    _ = ftg_curl_set_long(handle, CURLOPT_NOPROGRESS, 0)
  }

  private func milliseconds(_ seconds: Double) -> Int {
    Int(max(1, (seconds * 1000).rounded()))
  }

  private func failure(_ code: CURLcode, detail: String) -> EngineError {
    let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    switch code {
    case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
      return .cannotConnect(url: url, detail: message)
    case CURLE_OPERATION_TIMEDOUT:
      return .timedOut(url: url, detail: message)
    case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
      return .connectionLost(url: url, detail: message)
    default:
      return .transportFailed(url: url, detail: message)
    }
  }
}

// MARK: - libcurl callbacks

private func transferState(_ context: UnsafeMutableRawPointer?) -> TransferState? {
  guard let context else { return nil }
  return Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
}

private let receiveBody:
  @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let data, let state = transferState(context) else { return 0 }
    let length = size * count
    let chunk = data.withMemoryRebound(to: UInt8.self, capacity: length) {
      Data(bytes: $0, count: length)
    }
    if state.status == 200, let onSuccessData = state.onSuccessData {
      onSuccessData(chunk)
    } else {
      state.body.append(chunk)
    }
    return length
  }

private let receiveHeader:
  @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let data, let state = transferState(context) else { return 0 }
    let length = size * count
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
      String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
    if line.hasPrefix("HTTP/") {
      state.headers = [:]
      state.status = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    } else if let colon = line.firstIndex(of: ":") {
      let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
      state.headers[name] = value
    }
    return length
  }

private let checkCancellation:
  @convention(c) (UnsafeMutableRawPointer?, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
    -> Int32 = { context, _, _, _, _ in
      guard let state = transferState(context) else { return 0 }
      return state.flag.isCancelled ? 1 : 0
    }
