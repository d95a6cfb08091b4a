import Foundation

@testable import TextGrad

/// What the fake server saw, read back from its stats file.
struct FakeServerStats: Decodable {
  struct Body: Decodable {
    let model: String?
    let temperature: Double?
    let seed: Int?
    let stop: [String]?
    let grammar: String?
    let maxTokens: Int?
    let topP: Double?
    let stream: Bool?

    enum CodingKeys: String, CodingKey {
      case model, temperature, seed, stop, grammar, stream
      case maxTokens = "max_tokens"
      case topP = "top_p"
    }
  }

  let requests: Int
  let maxConcurrency: Int
  let connections: Int
  let authorization: [String?]
  let lastBody: Body?

  enum CodingKeys: String, CodingKey {
    case requests, connections, authorization
    case maxConcurrency = "max_concurrency"
    case lastBody = "last_body"
  }
}

/// Errors starting the fake server.
struct FakeServerError: Error, CustomStringConvertible {
  let description: String
}

/// A running `fake_openai_server.py` on loopback, stopped when the value goes away.
final class FakeOpenAIServer: @unchecked Sendable {
  let port: Int
  private let process: Process
  private let input = Pipe()
  private let statsFile: URL

  /// Starts a server that answers with `script` in turn, then with `fallback`.
  init(script: [String] = [], fallback: String = "echo") async throws {
    guard let path = Bundle.module.path(forResource: "fake_openai_server", ofType: "py") else {
      throw FakeServerError(description: "fake_openai_server.py is missing from the test bundle")
    }
    statsFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("ftg-fake-\(UUID().uuidString).json")
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", path, "--script", script.joined(separator: ","), "--default", fallback,
      "--stats", statsFile.path,
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = input
    try process.run()
    let reading = output.fileHandleForReading
    port = try await offCooperativePool { try Self.readPort(from: reading) }
  }

  deinit {
    try? input.fileHandleForWriting.close()
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: statsFile)
  }

  /// The base URL engines should use.
  var baseURL: String { "http://127.0.0.1:\(port)/v1" }

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

  /// What the server has seen so far.
  func stats() throws -> FakeServerStats {
    try JSONDecoder().decode(FakeServerStats.self, from: Data(contentsOf: statsFile))
  }

  private static func readPort(from handle: FileHandle) throws -> Int {
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let port = Int(text) else {
      throw FakeServerError(description: "fake server printed '\(text)' instead of its port")
    }
    return port
  }
}

/// Runs blocking work (reading a child's output) on a thread of its own, so that tests
/// running in parallel do not starve Swift's few cooperative threads.
func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    Thread { continuation.resume(with: Result { try body() }) }.start()
  }
}

/// A chat request for the fake server, whose echo answers with `text`.
func echoRequest(_ text: String, temperature: Double? = 0, seed: Int? = nil) -> ChatRequest {
  ChatRequest(
    model: "fake-model", messages: [.system("be brief"), .user(text)], temperature: temperature,
    seed: seed)
}

/// A loopback port where nothing listens (bound once, then released).
func deadPort() throws -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw FakeServerError(description: "socket() failed") }
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
  guard bound else { throw FakeServerError(description: "bind() failed") }
  return Int(UInt16(bigEndian: address.sin_port))
}
