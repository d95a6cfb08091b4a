import Foundation
import Testing

@testable import TextGrad

@Suite struct RequestKeyTests {
  let request = ChatRequest(
    model: "llama3.1", messages: [.system("Be terse."), .user("What is 2+2?")], temperature: 0,
    maxTokens: 32, seed: 7)

  @Test func equalRequestsHaveEqualKeys() {
    #expect(RequestKey(request) == RequestKey(request))
    #expect(RequestKey(request).hex.count == 64)
  }

  @Test func canonicalJSONHasSortedKeysAndEveryOption() {
    #expect(
      RequestKey(request).canonicalJSON
        == #"{"grammar":null,"max_tokens":32,"messages":[{"content":"Be terse.","role":"system"},"#
        + #"{"content":"What is 2+2?","role":"user"}],"model":"llama3.1","seed":7,"stop":null,"#
        + #""temperature":0,"top_p":null,"version":1}"#)
  }

  @Test func digestIsSHA256OfTheCanonicalJSON() {
    // Digest of the canonical JSON above, computed independently with Python's hashlib;
    // it changing means every user's cache silently misses.
    #expect(
      RequestKey(request).hex
        == "e8c8977796af993eadaa2342f694199fe249325dc202edf49de8f522287a148e")
  }

  @Test func everyOptionChangesTheKey() {
    let key = RequestKey(request)
    var variants: [ChatRequest] = []
    var changed = request
    changed.model = "llama3.2"
    variants.append(changed)
    changed = request
    changed.messages[1] = .user("What is 2+3?")
    variants.append(changed)
    changed = request
    changed.messages[0] = ChatMessage(role: .user, content: "Be terse.")
    variants.append(changed)
    changed = request
    changed.temperature = 0.5
    variants.append(changed)
    changed = request
    changed.maxTokens = 33
    variants.append(changed)
    changed = request
    changed.topP = 0.9
    variants.append(changed)
    changed = request
    changed.seed = 8
    variants.append(changed)
    changed = request
    changed.stop = ["\n"]
    variants.append(changed)
    changed = request
    changed.grammar = "root ::= \"4\""
    variants.append(changed)
    changed = request
    changed.logProbabilities = true
    variants.append(changed)
    changed = request
    changed.promptLogProbabilities = true
    variants.append(changed)
    let keys = Set(variants.map { RequestKey($0) })
    #expect(keys.count == variants.count)
    #expect(!keys.contains(key))
  }

  @Test func onlyDeterministicRequestsAreCacheable() {
    #expect(ChatRequest(model: "m", messages: [], temperature: 0).isDeterministic)
    #expect(ChatRequest(model: "m", messages: [], temperature: 0.8, seed: 1).isDeterministic)
    #expect(!ChatRequest(model: "m", messages: [], temperature: 0.8).isDeterministic)
    #expect(!ChatRequest(model: "m", messages: []).isDeterministic)
  }
}
