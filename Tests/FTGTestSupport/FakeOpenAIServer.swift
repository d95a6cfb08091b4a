import Foundation

/// `fake_openai_server.py` on loopback: it answers chat completions with the behaviours it is
/// given (see the script), reports each request as it starts and ends, and stops when the
/// value goes away.
public final class FakeOpenAIServer: Sendable {
  /// What the server is doing, as it reports it.
  public struct Activity: Sendable {
    /// Requests being answered now.
    public var inFlight = 0
    /// Requests whose client hung up while the server stalled or held them.
    public var hangUps = 0
  }

  private let server: ChildServer
  private let statsFile: URL
  private let watched: Watched<Activity>

  /// Starts a server that answers with `script` in turn, then with `fallback`.
  public init(script: [String] = [], fallback: String = "echo") async throws {
    guard let path = Bundle.module.path(forResource: "fake_openai_server", ofType: "py") else {
      throw ChildServerError(description: "fake_openai_server.py is missing from the test bundle")
    }
    let statsFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("ftg-fake-\(UUID().uuidString).json")
    let watched = Watched(Activity())
    server = try await ChildServer(
      "/usr/bin/env",
      [
        "python3", path, "--script", script.joined(separator: ","), "--default", fallback,
        "--stats", statsFile.path,
      ]
    ) { line in
      let words = line.split(separator: " ")
      switch (words.first, words.dropFirst().first.flatMap { Int($0) }) {
      case ("in_flight", let count?): watched.update { $0.inFlight = count }
      case ("hung_up", _): watched.update { $0.hangUps += 1 }
      default: break
      }
    }
    self.statsFile = statsFile
    self.watched = watched
  }

  deinit {
    try? FileManager.default.removeItem(at: statsFile)
  }

  /// The loopback port it listens on.
  public var port: Int { server.port }

  /// The base URL engines should use.
  public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

  /// What the server has seen so far.
  public func stats() throws -> FakeServerStats {
    try JSONDecoder().decode(FakeServerStats.self, from: Data(contentsOf: statsFile))
  }

  /// Returns once the server's activity satisfies `condition`; throws if the task is cancelled
  /// first.
  @discardableResult
  public func wait(until condition: @escaping @Sendable (Activity) -> Bool) async throws -> Activity {
    try await watched.wait(until: condition)
  }

  /// Lets every request held by the `hold` behaviour answer, and those that come later too.
  public func releaseHeldRequests() throws {
    try server.send("release")
  }
}

/// What the fake server saw, read back from its stats file.
public struct FakeServerStats: Decodable, Sendable {
  /// The fields of the last request body that tests look at.
  public struct Body: Decodable, Sendable {
    public let model: String?
    public let temperature: Double?
    public let seed: Int?
    public let stop: [String]?
    public let grammar: String?
    public let maxTokens: Int?
    public let topP: Double?
    public let stream: Bool?

    enum CodingKeys: String, CodingKey {
      case model, temperature, seed, stop, grammar, stream
      case maxTokens = "max_tokens"
      case topP = "top_p"
    }
  }

  /// Requests seen.
  public let requests: Int
  /// The most requests in flight at once.
  public let maxConcurrency: Int
  /// Connections opened.
  public let connections: Int
  /// Each request's Authorization header, nil when it had none.
  public let authorization: [String?]
  /// The last request's body.
  public let lastBody: Body?

  enum CodingKeys: String, CodingKey {
    case requests, connections, authorization
    case maxConcurrency = "max_concurrency"
    case lastBody = "last_body"
  }
}
