import Testing

@testable import TextGrad

@Suite struct TaggedSpanTests {
  @Test(arguments: [
    ("<T> a </T>", "a"),
    ("before <T>first</T> between <T>second</T>", "first"),
    ("<T>\n multi\nline \n</T>", "multi\nline"),
    ("</T> stray close, then <T>kept</T>", "kept"),
  ])
  func spanIsFoundAndTrimmed(reply: String, expected: String) {
    #expect(taggedSpan(in: reply, open: "<T>", close: "</T>") == expected)
  }

  @Test(arguments: ["no tags", "<T> unterminated", "only close </T>", "<T>   </T>"])
  func malformedRepliesGiveNothing(reply: String) {
    #expect(taggedSpan(in: reply, open: "<T>", close: "</T>") == nil)
  }
}
