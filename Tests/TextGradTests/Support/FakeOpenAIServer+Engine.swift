import FTGTestSupport
import Foundation

@testable import TextGrad

extension FakeOpenAIServer {
  /// An engine pointed at this server.
  func engine(
    key: String? = nil, attempts: Int = 3, concurrency: Int = 8, timeout: Double = 10
  ) throws -> OpenAICompatibleEngine {
    let endpoint = try EngineEndpoint(baseURL: baseURL, model: "fake-model", apiKey: key)
    let retry = RetryPolicy(maxAttempts: attempts, baseDelay: 0.01, maxDelay: 0.05)
    return OpenAICompatibleEngine(
      endpoint: endpoint,
      configuration: .init(
        maxConcurrentRequests: concurrency, retry: retry, connectTimeout: 2,
        requestTimeout: timeout))
  }
}

/// A chat request for the fake server, whose echo answers with `text`.
func echoRequest(_ text: String, temperature: Double? = 0, seed: Int? = nil) -> ChatRequest {
  ChatRequest(
    model: "fake-model", messages: [.system("be brief"), .user(text)], temperature: temperature,
    seed: seed)
}

/// Errors setting up a loopback test.
struct LoopbackTestError: Error, CustomStringConvertible {
  let description: String
}

/// A loopback port where nothing listens (bound once, then released).
func deadPort() throws -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw LoopbackTestError(description: "socket() failed") }
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = 0
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
    }
  }
  guard bound else { throw LoopbackTestError(description: "bind() failed") }
  return Int(UInt16(bigEndian: address.sin_port))
}
