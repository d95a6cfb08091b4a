import Foundation
import Testing

@testable import TextGrad

/// Forced decoding: the request asks for exactly the text, and the answer's log-probabilities
/// are taken only when the server gave back that text.
@Suite struct TextScoringTests {
  @Test func theRequestForcesTheTextWithAGrammarAndAsksForLogProbabilities() {
    let request = TextScoring.request(scoring: "Say \"4\".\n\tDone\\ \u{1}é", after: "Context", model: "m")
    #expect(request.grammar == #"root ::= "Say \"4\".\n\tDone\\ \x01é""#)
    #expect(request.logProbabilities == true)
    #expect(request.temperature == 0)
    #expect(request.messages == [.user("Context")])
    #expect(request.maxTokens! > "Say \"4\".\n\tDone\\ \u{1}é".utf8.count)
  }

  @Test func tokensAreTheAnswersWithoutTheEndOfTurn() throws {
    let response = ChatResponse(
      text: "Be brief.",
      tokenLogProbabilities: [
        .init(token: "Be", logProbability: -2), .init(token: " brief.", logProbability: -0.5),
        .init(token: "", logProbability: -0.01),
      ])
    let tokens = try TextScoring.tokens(of: "Be brief.", in: response)
    #expect(tokens.map(\.token) == ["Be", " brief."])
    #expect(tokens.map(\.surprisal) == [2, 0.5])
  }

  @Test func aServerThatIgnoresTheGrammarOrGivesNoLogProbabilitiesCannotScore() {
    let other = ChatResponse(text: "Something else", tokenLogProbabilities: [.init(token: "x", logProbability: -1)])
    #expect(throws: EngineError.self) { try TextScoring.tokens(of: "Be brief.", in: other) }
    do {
      _ = try TextScoring.tokens(of: "Be brief.", in: ChatResponse(text: "Be brief."))
      Issue.record("scored without log-probabilities")
    } catch {
      #expect(error.description.contains("no log-probabilities"))
      #expect(error.description.contains("llama-server"))
      #expect(!error.isRetryable)
    }
    let positive = ChatResponse(text: "a", tokenLogProbabilities: [.init(token: "a", logProbability: 0.5)])
    #expect(throws: EngineError.self) { try TextScoring.tokens(of: "a", in: positive) }
  }

  @Test func anEmptyTextIsRefusedBeforeAnyCall() async {
    let engine = ScriptedEngine(answers: [])
    await #expect(throws: EngineError.self) { try await TextScoring.score("", with: engine) }
    #expect(engine.usage.calls == 0)
  }
}
