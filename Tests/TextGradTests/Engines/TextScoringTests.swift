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

  @Test func vLLMsPromptTokensEndingWithTheTextAreItsScores() throws {
    let request = TextScoring.request(
      scoring: "Be brief.", after: "Context", model: "m", method: .promptLogProbabilities)
    #expect(request.messages == [.user("Context"), .assistant("Be brief.")])
    #expect(request.promptLogProbabilities == true && request.grammar == nil && request.maxTokens == 1)
    let body = String(decoding: try #require(ChatCompletionBody.encode(request, stream: false)), as: UTF8.self)
    #expect(body.contains(#""prompt_logprobs":0,"continue_final_message":true,"add_generation_prompt":false"#))
    var response = ChatResponse(text: " ok")
    response.promptTokenLogProbabilities = [
      .init(token: "assistant\n", logProbability: -0.1), .init(token: "Be", logProbability: -2),
      .init(token: " brief.", logProbability: -0.5),
    ]
    let tokens = try TextScoring.tokens(of: "Be brief.", in: response, method: .promptLogProbabilities)
    #expect(tokens.map(\.token) == ["Be", " brief."])
    #expect(throws: EngineError.self) {
      try TextScoring.tokens(of: "Be quick.", in: response, method: .promptLogProbabilities)
    }
    #expect(throws: EngineError.self) {
      try TextScoring.tokens(of: "Be brief.", in: ChatResponse(text: " ok"), method: .promptLogProbabilities)
    }
  }

  @Test func vLLMsPromptLogProbabilitiesAreRead() throws {
    let body = Data(
      #"{"choices":[{"message":{"content":" ok"},"finish_reason":"length"}],"prompt_logprobs":[null,{"17":{"logprob":-1.5,"rank":3,"decoded_token":"Be"}},{"9":{"logprob":-0.25,"rank":1,"decoded_token":" brief."}}]}"#
        .utf8)
    let response = try ChatCompletionReply.response(from: body, url: "http://x/v1/chat/completions", latency: 0)
    #expect(
      response.promptTokenLogProbabilities == [
        .init(token: "Be", logProbability: -1.5), .init(token: " brief.", logProbability: -0.25),
      ])
    let stored = try JSONDecoder().decode(ChatResponse.self, from: Data(response.storedJSON.utf8))
    #expect(stored.promptTokenLogProbabilities == response.promptTokenLogProbabilities)
  }
}
