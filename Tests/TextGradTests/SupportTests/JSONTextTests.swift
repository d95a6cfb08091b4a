import Foundation
import Testing

@testable import TextGrad

/// JSONText must write what `JSONEncoder` writes, or every cache key and notebook record made
/// before it would stop matching.
@Suite struct JSONTextTests {
  /// Every ASCII character, quotes and slashes, accents, an emoji, separators JSON allows raw.
  static let strings: [String] = [
    String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }),
    #"say "hi" \ then / stop"#, "naïve café — 数字 🧮", "line\u{2028}break\u{2029}", "",
    "tab\there\r\nnew line\u{0}nul\u{1f}unit\u{7f}del",
  ]
  static let doubles: [Double] = [
    0, -0.0, 1, -1, 0.5, 0.7, 0.1, 0.2, 1.5, 2, 10, 100, 123.456, 1e-5, 1e-7, 3.14159265358979,
    1e15, 1e16, 1e20, 1e21, 1e22, 1.7976931348623157e308, 5e-324, 0.30000000000000004,
  ]

  @Test(arguments: strings) func stringsAsJSONEncoderWritesThem(text: String) throws {
    var json = JSONText()
    json.string(text)
    #expect(String(decoding: json.bytes, as: UTF8.self) == (try encoded(text)))
  }

  @Test(arguments: doubles) func doublesAsJSONEncoderWritesThem(value: Double) throws {
    var json = JSONText()
    json.number(value)
    #expect(String(decoding: json.bytes, as: UTF8.self) == (try encoded(value)))
  }

  @Test func requestKeysAsJSONEncoderWroteThem() throws {
    for (index, text) in Self.strings.enumerated() {
      let request = ChatRequest(
        model: "m/\(index)", messages: [.system(text), .user("Q \(index)"), .assistant(text)],
        temperature: Self.doubles[index], maxTokens: index == 0 ? nil : index * 7,
        topP: index.isMultiple(of: 2) ? nil : Self.doubles[index + 5], seed: index == 3 ? nil : -index,
        stop: index == 1 ? nil : [text, "\n"], grammar: index == 2 ? nil : "root ::= \"\(text)\"")
      #expect(RequestKey(request).canonicalJSON == (try encoded(EncoderCanonicalRequest(request))))
    }
  }

  @Test func requestBodiesAreTheRequestInOpenAIFieldNames() throws {
    let request = ChatRequest(
      model: "llama3.1", messages: [.system(Self.strings[0]), .user("2+2?")], temperature: 0.7,
      maxTokens: 64, topP: 0.9, seed: 3, stop: ["\n\n"], grammar: "root ::= [0-9]+")
    let body = try #require(ChatCompletionBody.encode(request, stream: true))
    let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    #expect(object["model"] as? String == "llama3.1")
    let messages = try #require(object["messages"] as? [[String: String]])
    #expect(messages == [["role": "system", "content": Self.strings[0]], ["role": "user", "content": "2+2?"]])
    #expect(object["temperature"] as? Double == 0.7)
    #expect(object["max_tokens"] as? Int == 64)
    #expect(object["top_p"] as? Double == 0.9)
    #expect(object["seed"] as? Int == 3)
    #expect(object["stop"] as? [String] == ["\n\n"])
    #expect(object["grammar"] as? String == "root ::= [0-9]+")
    #expect(object["stream"] as? Bool == true)
    #expect((object["stream_options"] as? [String: Bool]) == ["include_usage": true])
    #expect(object["logprobs"] == nil)
    let scoring = ChatRequest(model: "m", messages: [], logProbabilities: true)
    let scoringBody = try #require(ChatCompletionBody.encode(scoring, stream: false))
    #expect(
      String(decoding: scoringBody, as: UTF8.self) == #"{"model":"m","messages":[],"logprobs":true,"stream":false}"#)
    let plain = try #require(ChatCompletionBody.encode(ChatRequest(model: "m", messages: []), stream: false))
    #expect(String(decoding: plain, as: UTF8.self) == #"{"model":"m","messages":[],"stream":false}"#)
    #expect(ChatCompletionBody.encode(ChatRequest(model: "m", messages: [], temperature: .nan), stream: false) == nil)
  }

  @Test func storedResponsesAsJSONEncoderWritesThem() throws {
    for (index, text) in Self.strings.enumerated() {
      var response = ChatResponse(
        text: text, finishReason: index == 1 ? nil : "stop/\(index)", promptTokens: index * 11,
        completionTokens: index, latency: Self.doubles[index + 3], cached: index.isMultiple(of: 2),
        tokenLogProbabilities: index.isMultiple(of: 3)
          ? nil
          : [.init(token: text, logProbability: -Self.doubles[index].magnitude), .init(token: "", logProbability: 0)])
      if index.isMultiple(of: 2) {
        response.promptTokenLogProbabilities = [.init(token: text, logProbability: -Self.doubles[index + 1].magnitude)]
      }
      var stored = response
      stored.cached = false
      #expect(response.storedJSON == (try encoded(stored)))
      let decoded = try JSONDecoder().decode(ChatResponse.self, from: Data(response.storedJSON.utf8))
      #expect(decoded == stored)
    }
  }

  private func encoded(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}

/// The canonical request as RequestKey encoded it through `JSONEncoder` before JSONText.
private struct EncoderCanonicalRequest: Encodable {
  let version = 1
  let request: ChatRequest
  init(_ request: ChatRequest) { self.request = request }

  enum CodingKeys: String, CodingKey {
    case version, model, messages, temperature, seed, stop, grammar
    case maxTokens = "max_tokens"
    case topP = "top_p"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(version, forKey: .version)
    try container.encode(request.model, forKey: .model)
    try container.encode(request.messages, forKey: .messages)
    try container.encode(request.temperature, forKey: .temperature)
    try container.encode(request.maxTokens, forKey: .maxTokens)
    try container.encode(request.topP, forKey: .topP)
    try container.encode(request.seed, forKey: .seed)
    try container.encode(request.stop, forKey: .stop)
    try container.encode(request.grammar, forKey: .grammar)
  }
}
