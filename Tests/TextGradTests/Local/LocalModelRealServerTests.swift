import Foundation
import Testing

@testable import TextGrad

#if canImport(Glibc)
  import Glibc
#endif

/// The installed server and model, as ftg would find them.
enum InstalledLocalModel {
  static let files = LocalModelFiles(environment: ProcessInfo.processInfo.environment)
  /// Whether the tests of the real model run: when it is installed, and always under
  /// `FTG_REQUIRE_LOCAL_MODEL=1` (`scripts/test.sh`, so CI never skips them; a missing
  /// model then fails them).
  static var testsRun: Bool {
    ProcessInfo.processInfo.environment["FTG_REQUIRE_LOCAL_MODEL"] == "1" || (try? files.checkInstalled()) != nil
  }
  static let skipReason: Comment = "the local model is not installed: run scripts/install-local-model.sh"
}

/// Starts the real llama-server with the real model; skipped when they are not installed,
/// unless `FTG_REQUIRE_LOCAL_MODEL=1`.
@Suite(
  "Local model server (real model)", .enabled(if: InstalledLocalModel.testsRun, InstalledLocalModel.skipReason),
  .serialized)
struct LocalModelRealServerTests {
  static let files = InstalledLocalModel.files

  @Test("answers at temperature 0, repeatably, and is gone after stop")
  func forwardCallAndStop() async throws {
    let server = LocalModelServer(files: Self.files)
    let engine = try await server.engine()
    let pid = try #require(await server.processIdentifier)
    #expect(engine.endpoint.baseURL.hasPrefix("http://127.0.0.1:"))
    let question: [ChatMessage] = [
      .system("Answer with one word."), .user("What is the capital of France?"),
    ]
    let first = try await engine.complete(question, temperature: 0, maxTokens: 16)
    let second = try await engine.complete(question, temperature: 0, maxTokens: 16)
    #expect(!first.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    #expect(first.text.localizedCaseInsensitiveContains("paris"), "answer: \(first.text)")
    #expect(second.text == first.text)
    #expect(first.completionTokens > 0)
    await server.stop()
    #expect(await server.processIdentifier == nil)
    #expect(kill(pid, 0) == -1 && errno == ESRCH, "llama-server \(pid) is still running")
  }

  @Test("a second start reuses the running server")
  func startIsIdempotent() async throws {
    let server = LocalModelServer(files: Self.files)
    async let first = server.start()
    async let second = server.start()
    let endpoints = try await [first, second]
    #expect(endpoints[0] == endpoints[1])
    await server.stop()
  }

  @Test("a GBNF grammar constrains the answer")
  func grammarConstrainsAnswer() async throws {
    let server = LocalModelServer(files: Self.files)
    let engine = try await server.engine()
    let request = ChatRequest(
      model: engine.model, messages: [.user("Is the sky green? Answer yes or no.")],
      temperature: 0, maxTokens: 8, grammar: "root ::= \"yes\" | \"no\"")
    let answer = try await engine.complete(request)
    #expect(["yes", "no"].contains(answer.text), "answer: \(answer.text)")
    await server.stop()
  }

  @Test("forced decoding scores a text as the model's own log-probabilities do")
  func scoringMatchesTheServersOwnLogProbabilities() async throws {
    let server = LocalModelServer(files: Self.files)
    let engine = try await server.engine()
    let context = "Give one short tip for solving arithmetic word problems."
    var free = ChatRequest(
      model: engine.model, messages: [.user(context)], temperature: 0, maxTokens: 24, logProbabilities: true)
    free.topP = 1
    let answer = try await engine.complete(free)
    let own = try #require(answer.tokenLogProbabilities).filter { !$0.token.isEmpty }
    let scored = try await TextScoring.score(answer.text, after: context, with: engine)
    #expect(scored.allSatisfy { $0.logProbability.isFinite && $0.logProbability <= 0 })
    #expect(scored.map(\.token) == own.map(\.token))
    let sum = scored.reduce(0) { $0 + $1.logProbability }
    let ownSum = own.reduce(0) { $0 + $1.logProbability }
    #expect(abs(sum - ownSum) < 1e-3 * max(1, abs(ownSum)), "scored \(sum), generated \(ownSum)")
    // A text the model would not write scores lower per token than its own answer.
    let unlikely = try await TextScoring.score("Zebra quantum marmalade fourteen.", after: context, with: engine)
    #expect(unlikely.reduce(0) { $0 + $1.logProbability } / Double(unlikely.count) < sum / Double(scored.count))
    await server.stop()
  }
}
