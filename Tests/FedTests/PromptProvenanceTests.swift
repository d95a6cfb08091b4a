import Testing

@testable import Fed

/// Each merged sentence is traced to the client sentence it resembles most, or to the merge.
@Suite struct PromptProvenanceTests {
  @Test func sentencesAreTracedToTheirClientsOrToTheMerge() {
    let clients = [
      (
        id: 0, prompt: "Count every item. Answer with a number.",
        gradients: ["Tell the model to count every item twice."]
      ),
      (id: 1, prompt: "Think step by step.\nCheck the final answer.", gradients: ["Ask for a final check."]),
    ]
    let origins = PromptProvenance().origins(
      of: "Think step by step. Count every single item. Be brief!", clients: clients)
    #expect(origins.map(\.sentence) == ["Think step by step.", "Count every single item.", "Be brief!"])
    #expect(origins.map(\.client) == [1, 0, nil])
    #expect(origins[0].score == 1)
    #expect(origins[1].source == "Count every item.")
    #expect(origins[1].score > 0.8 && origins[1].score < 1)
    #expect(origins[1].gradient == "Tell the model to count every item twice.")
    #expect(origins[2].score < 0.5)
  }
}
