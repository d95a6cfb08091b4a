import FTGLang
import Foundation
import TextGrad

/// What a benchmark case has to work with: the server, the latency it adds, the data and a
/// scratch folder of its own.
struct BenchContext: Sendable {
  /// The loopback server's OpenAI-compatible base URL (`http://127.0.0.1:PORT/v1`).
  var base: String
  /// The latency the server adds to every call.
  var latency: Duration
  /// A folder for the case's files (cache, notebooks, run checkpoints).
  var scratch: URL

  /// The latency in seconds.
  var latencySeconds: Double {
    Double(latency.components.seconds) + Double(latency.components.attoseconds) / 1e18
  }

  /// An engine for the server with `limit` requests in flight.
  func engine(limit: Int) throws -> OpenAICompatibleEngine {
    OpenAICompatibleEngine(
      endpoint: try EngineEndpoint(baseURL: base, model: "bench", apiKey: nil),
      configuration: .init(maxConcurrentRequests: limit))
  }

  /// The latency in whole milliseconds, for servers a case starts itself.
  var latencyMilliseconds: Int { Int((latencySeconds * 1000).rounded()) }

  /// What the server saw so far.
  func serverStats() async throws -> ServerReport {
    let root = base.hasSuffix("/v1") ? String(base.dropLast(3)) : base
    return try await Self.stats(at: root)
  }

  /// What the benchmark server on loopback `port` (one a case started) saw so far.
  func serverStats(port: Int) async throws -> ServerReport {
    try await Self.stats(at: "http://127.0.0.1:\(port)")
  }

  private static func stats(at root: String) async throws -> ServerReport {
    let data = try await HTTPDownloader(connectTimeout: 5, totalTimeout: 10).get(root + "/stats")
    return try JSONDecoder().decode(ServerReport.self, from: data)
  }

  /// An ftg session whose engines and tasks read this environment, writing nowhere.
  func session() -> Session {
    Session(host: QuietHost(environment: environment), moduleSearchPaths: [])
  }

  /// The process environment with ftg's response cache in the scratch folder (every call a
  /// miss), and the datasets where the user keeps them (`FTG_DATA_DIR`, else the user cache's
  /// data folder), so no benchmark downloads anything.
  var environment: [String: String] { environment(cacheFolder: "cache") }

  /// The environment, with the response cache in the scratch folder's `cacheFolder`.
  func environment(cacheFolder: String) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    if (environment[DataLocator.dataDirectoryVariable] ?? "").isEmpty {
      environment[DataLocator.dataDirectoryVariable] = DataLocator.fromEnvironment(environment).cacheDirectory.path
    }
    environment[DataLocator.cacheDirectoryVariable] = scratch.appendingPathComponent(cacheFolder).path
    return environment
  }
}

/// `GET /stats` of the benchmark server.
struct ServerReport: Decodable {
  var requests: Int
  var peakInFlight: Int
  var firstRequestNanoseconds: UInt64

  enum CodingKeys: String, CodingKey {
    case requests
    case peakInFlight = "peak_in_flight"
    case firstRequestNanoseconds = "first_request_ns"
  }
}

/// A host that keeps what a program prints, for checks, and shows no progress.
final class QuietHost: SessionHost, @unchecked Sendable {
  let environment: [String: String]
  private let lock = NSLock()
  private var written = ""

  init(environment: [String: String]) { self.environment = environment }

  /// Where runs would write; the benchmarks' runs write no checkpoints.
  var workingDirectory: String { FileManager.default.currentDirectoryPath }

  var output: String { lock.withLock { written } }
  func write(_ text: String) { lock.withLock { written += text } }
  func progress(_ text: String) {}
  func readFile(atPath path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
  func fileExists(atPath path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
  func directoryEntries(atPath path: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
  }
  func writeFile(atPath path: String, contents: String) throws {
    try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}

extension Session {
  /// Evaluates `source`, turning a failure into an error with its rendered diagnostics.
  func mustEvaluate(_ source: String) async throws {
    if case .failure(let diagnostics) = await evaluate(source) {
      throw BenchError(diagnostics.map { render($0, color: false) }.joined(separator: "\n"))
    }
  }
}

/// A benchmark that could not run, with the reason.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
