import Foundation
import Testing

@testable import TextGrad

/// Prompt templates are values: readable, replaceable, checked, and part of every request.
@Suite struct PromptTemplateTests {
  @Test func everyTemplateHasATextWithItsPlaceholders() {
    for key in TemplateKey.all {
      let text = PromptTemplates.ftg[key]
      #expect(!text.isEmpty, "\(key)")
      for name in key.placeholders { #expect(Template.contains(text, placeholder: name), "\(key) {\(name)}") }
    }
    #expect(PromptTemplates.ftg.changed.isEmpty)
    #expect(PromptTemplates.ftg.fingerprint == "ftg")
  }

  @Test func aReplacedTemplateChangesTheRequestAndItsKey() async throws {
    let engine = routedEngine()
    let templates = try PromptTemplates.ftg.replacing(["optimizer.system": "Rewrite the variable."])
    #expect(templates.changed == [.optimizerSystem])
    #expect(templates.fingerprint != "ftg")
    let prompt = Variable("Be brief.", role: "system prompt")
    prompt.addGradient(Gradient(text: "say more"))
    let optimizer = TextualGradientDescent(parameters: [prompt], engine: engine, templates: templates)
    try await optimizer.step()
    let request = try #require(engine.requests.first)
    #expect(request.messages.first?.content == "Rewrite the variable.")
    let plain = ChatRequest(
      model: request.model, messages: [.system(PromptTemplates.ftg[.optimizerSystem])] + request.messages.dropFirst(),
      temperature: request.temperature)
    #expect(RequestKey(request).hex != RequestKey(plain).hex)
  }

  @Test func badReplacementsAreErrorsThatNameTheTemplate() {
    #expect(throws: TemplateError.unknownTemplate("optimiser.system", suggestion: "optimizer.system")) {
      try PromptTemplates.ftg.replacing(["optimiser.system": "x"])
    }
    #expect(throws: TemplateError.missingPlaceholders("optimizer.update", ["variable", "feedback"])) {
      try PromptTemplates.ftg.replacing(["optimizer.update": "Improve the {role}."])
    }
    #expect(throws: TemplateError.self) {
      try PromptTemplates.ftg.replacing(json: Data("[1]".utf8), path: "t.json")
    }
  }

  @Test func jsonRoundTripsAndTurnsOnShortVariables() throws {
    var changed = try PromptTemplates.ftg.replacing(["judge.system": "Judge strictly."])
    changed.shortVariables = true
    let loaded = try PromptTemplates.ftg.replacing(json: changed.json, path: "t.json")
    #expect(loaded == changed)
    let partial = try PromptTemplates.ftg.replacing(
      json: Data(#"{"aggregate": {"system": "Merge."}}"#.utf8), path: "p.json")
    #expect(partial.changed == [.aggregateSystem])
  }

  @Test func shortVariablesShowTheFirstAndLastTenWordsAsTextGradDoes() async throws {
    let long = (1...30).map { "w\($0)" }.joined(separator: " ")
    var templates = PromptTemplates.ftg
    #expect(templates.shown(long) == long)
    templates.shortVariables = true
    let short =
      (1...10).map { "w\($0)" }.joined(separator: " ") + " (...) "
      + (21...30).map { "w\($0)" }.joined(separator: " ")
    #expect(templates.shown(long) == short)
    #expect(templates.shown("only a few words") == "only a few words")

    let engine = routedEngine()
    let prompt = Variable(long, role: "system prompt")
    let answer = try await LLMCall(engine: engine, systemPrompt: prompt, templates: templates)
      .forward(Variable("Q", role: "question", requiresGrad: false))
    let loss = try StringFunction(purpose: "checks", templates: templates) { _ in "0" }
      .forward(["answer": answer])
    try await loss.backward(engine: engine)
    let optimizer = TextualGradientDescent(parameters: [prompt], engine: engine, templates: templates)
    #expect(optimizer.updatePrompt(for: prompt).contains("<VARIABLE>\(short)</VARIABLE>"))
    let feedback = requests(of: engine, system: PromptTemplates.ftg[.backwardSystem])
    #expect(feedback.contains { $0.messages.last?.content.contains("<VARIABLE> \(short) </VARIABLE>") == true })
  }

  @Test func callsAreCountedByRoleWithTheirTruncations() async throws {
    let engine = ScriptedEngine(finishReason: "length") { _ in "cut" }
    _ = try await CallRole.during(.merge) { try await engine.complete([.user("x")]) }
    _ = try await engine.complete([.user("y")])
    #expect(engine.usage.roles[.merge]?.truncated == 1)
    #expect(engine.usage.roles[.other]?.calls == 1)
    #expect(engine.usage.truncated == 2)
  }
}

/// Replies that loop on one span are recognised and counted, as truncated ones are.
@Suite struct DegenerateReplyTests {
  @Test func aSpanRepeatedToTheEndIsDegenerate() {
    let loop = "First, count the items. " + String(repeating: "Then count them again. ", count: 12)
    #expect(DegenerateReply.detect(loop))
    #expect(DegenerateReply.detect(String(repeating: "the ", count: 40)))
  }

  @Test func ordinaryRepliesAreNot() {
    let answer = """
      Let me count. There are two apples, one banana and three plums in the list. Two plus one \
      is three, and three plus three is six. Answer: 6
      """
    #expect(!DegenerateReply.detect(answer))
    #expect(!DegenerateReply.detect("short short short short"))
    // A repeated phrase in the middle of a long reply does not fill it.
    let middle =
      (1...40).map { "word\($0)" }.joined(separator: " ") + " ok ok ok "
      + (41...80).map { "word\($0)" }.joined(separator: " ")
    #expect(!DegenerateReply.detect(middle))
  }

  @Test func degenerateAnswersAreCountedByRole() async throws {
    let engine = ScriptedEngine { _ in String(repeating: "again and ", count: 30) }
    _ = try await CallRole.during(.backward) { try await engine.complete([.user("x")]) }
    #expect(engine.usage.roles[.backward]?.degenerate == 1)
  }

  @Test func theFrequencyPenaltyIsSentAndKeyedOnlyWhenSet() {
    var request = ChatRequest(model: "m", messages: [.user("hi")], temperature: 0)
    let plain = RequestKey(request)
    #expect(!plain.canonicalJSON.contains("frequency_penalty"))
    request.frequencyPenalty = 0.5
    #expect(RequestKey(request).canonicalJSON.hasPrefix("{\"frequency_penalty\":0.5,"))
    let body = ChatCompletionBody.encode(request, stream: false).map { String(decoding: $0, as: UTF8.self) }
    #expect(body?.contains("\"frequency_penalty\":0.5") == true)
  }

  @Test func thePenaltyWindowIsSentAsRepeatLastNAndKeyedOnlyWhenSet() {
    var request = ChatRequest(model: "m", messages: [.user("hi")], temperature: 0)
    let plain = RequestKey(request)
    #expect(!plain.canonicalJSON.contains("repeat_last_n"))
    request.penaltyWindow = 512
    let windowed = RequestKey(request)
    #expect(windowed != plain)
    #expect(windowed.canonicalJSON.contains("\"model\":\"m\",\"repeat_last_n\":512,"))
    let body = ChatCompletionBody.encode(request, stream: false).map { String(decoding: $0, as: UTF8.self) }
    #expect(body?.contains("\"repeat_last_n\":512") == true)
  }
}
