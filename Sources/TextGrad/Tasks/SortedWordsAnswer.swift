/// Scoring of word-sorting responses by exact match of the final word list.
///
/// TextGrad and FedTextGrad score BIG-Bench Hard word sorting with an LLM judge; this project
/// scores it with a string rule instead, so the score costs no call and cannot drift. The
/// answer is the text after the last `Answer:` (any case), or the last non-empty line when
/// there is none. Words are split at whitespace and commas, stripped of surrounding
/// punctuation (quotes, brackets, periods, Markdown `*`), lower-cased, and compared in order
/// with the target's words.
public enum SortedWordsAnswer {
  /// The word list found in `response`, normalised as described above.
  public static func words(in response: String) -> [String] {
    normalisedWords(finalAnswer(in: response))
  }

  /// True when the response's final word list equals the target's.
  public static func matches(response: String, groundTruth: String) -> Bool {
    let expected = normalisedWords(groundTruth)
    return !expected.isEmpty && words(in: response) == expected
  }

  private static func finalAnswer(in response: String) -> Substring {
    if let marker = response.range(of: "answer:", options: [.caseInsensitive, .backwards]) {
      return response[marker.upperBound...]
    }
    let lines = response.split(whereSeparator: \.isNewline)
    return lines.last { !$0.allSatisfy(\.isWhitespace) } ?? ""
  }

  private static func normalisedWords(_ text: Substring) -> [String] {
    text.split { $0.isWhitespace || $0 == "," }
      .map { trimmedToWord($0).lowercased() }
      .filter { !$0.isEmpty }
  }

  private static func trimmedToWord(_ token: Substring) -> Substring {
    guard let first = token.firstIndex(where: isWordCharacter),
      let last = token.lastIndex(where: isWordCharacter)
    else { return "" }
    return token[first...last]
  }

  private static func normalisedWords(_ text: String) -> [String] {
    normalisedWords(text[...])
  }

  private static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber
  }
}
