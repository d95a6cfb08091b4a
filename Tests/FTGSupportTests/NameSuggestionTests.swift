import FTGSupport
import Testing

@Suite struct NameSuggestionTests {
  @Test func distanceCountsEditsAndTranspositions() {
    #expect(NameSuggestion.distance("kitten", "sitting") == 3)
    #expect(NameSuggestion.distance("", "abc") == 3)
    #expect(NameSuggestion.distance("gsm8k", "gsm8k") == 0)
    #expect(NameSuggestion.distance("qiut", "quit") == 1)
  }

  @Test func suggestsOnlyCloseNamesAndBreaksTiesAlphabetically() {
    #expect(NameSuggestion.closest(to: "rounds", among: ["round", "reset"]) == "round")
    #expect(NameSuggestion.closest(to: "xyz", among: ["round", "reset"]) == nil)
    #expect(NameSuggestion.closest(to: "stesp", among: ["steps", "step"]) == "step")
    #expect(NameSuggestion.closest(to: "g", among: ["f"]) == nil)
  }
}
