import Foundation
import TextGrad

/// Finds a client's training data in text that leaves the client.
///
/// In federated learning the raw data stays on the client, but a textual gradient or a prompt
/// update can quote it. A span leaks when it is a run of `words` consecutive words of one of
/// the client's training examples (question or answer), or a literal of one: a number of two
/// digits or more, or a run of two or more capitalised words (a name). Only what is rare in the
/// task counts, what appears in at most `rareIn` of its examples (by default 5% of them, and at
/// least 2): the wording every question of a task shares ("How many fruits do I have") tells
/// nothing about a client's data. Words are compared lower-cased, without punctuation.
public struct LeakScanner: Sendable {
  /// A leaked span and the training example it came from.
  public struct Leak: Sendable, Hashable, Codable {
    /// The words found, as the scanned text writes them.
    public var text: String
    /// Which of the client's examples holds them.
    public var example: Int
    /// Why it counts: `ngram`, `number` or `name`.
    public var kind: String
  }

  /// The client's training examples.
  public let examples: [Example]
  /// How many consecutive words make a quoted span.
  public let words: Int
  private let ngrams: [String: Int]
  private let literals: [String: (example: Int, kind: String)]

  /// A scanner for the client that trains on `examples`, out of a task whose examples are
  /// `population` (for rarity); a span is rare when at most `rareIn` of them hold it.
  public init(examples: [Example], population: [Example], words: Int = 6, rareIn: Int? = nil) {
    self.examples = examples
    self.words = max(2, words)
    let rareIn = rareIn ?? max(2, population.count / 20)
    var ngrams: [String: Int] = [:]
    var literals: [String: (Int, String)] = [:]
    let counts = Self.literalCounts(population)
    let common = Self.ngramCounts(population, words: self.words).filter { $0.value > rareIn }
    for (index, example) in examples.enumerated() {
      for text in [example.x, example.y] {
        for ngram in Self.ngrams(Self.words(text).map(\.normalized), words: self.words) where common[ngram] == nil {
          ngrams[ngram] = ngrams[ngram] ?? index
        }
        for (literal, kind) in Self.literals(text) where counts[literal, default: 0] <= rareIn {
          literals[literal] = literals[literal] ?? (index, kind)
        }
      }
    }
    self.ngrams = ngrams
    self.literals = literals
  }

  /// Every leaked span of `text`, in order, overlapping quotes merged into one.
  public func leaks(in text: String) -> [Leak] {
    let tokens = Self.words(text)
    var found: [(range: Range<Int>, example: Int, kind: String)] = []
    if tokens.count >= words {
      for start in 0...(tokens.count - words) {
        let key = tokens[start..<(start + words)].map(\.normalized).joined(separator: " ")
        if let example = ngrams[key] { found.append((start..<(start + words), example, "ngram")) }
      }
    }
    for (literal, range) in Self.literalRanges(tokens) {
      if let origin = literals[literal], !found.contains(where: { $0.range.overlaps(range) }) {
        found.append((range, origin.example, origin.kind))
      }
    }
    found.sort { $0.range.lowerBound < $1.range.lowerBound }
    var merged: [(range: Range<Int>, example: Int, kind: String)] = []
    for item in found {
      if let last = merged.last, last.range.upperBound >= item.range.lowerBound, last.kind == item.kind {
        merged[merged.count - 1].range = last.range.lowerBound..<max(last.range.upperBound, item.range.upperBound)
      } else {
        merged.append(item)
      }
    }
    return merged.map { item in
      let start = tokens[item.range.lowerBound].range.lowerBound
      let end = tokens[item.range.upperBound - 1].range.upperBound
      return Leak(text: String(text[start..<end]), example: item.example, kind: item.kind)
    }
  }

  /// `text` with every leaked span replaced by `[redacted]`, and how many there were.
  public func redacted(_ text: String) -> (text: String, count: Int) {
    let found = leaks(in: text)
    var result = text
    for leak in found {
      if let range = result.range(of: leak.text) { result.replaceSubrange(range, with: "[redacted]") }
    }
    return (result, found.count)
  }

  // MARK: - Words

  /// A word of a text: where it is, and its form for comparison.
  struct Word {
    var range: Range<String.Index>
    var original: Substring
    var normalized: String
  }

  /// The words of `text`: runs of letters and digits (an apostrophe inside a word kept).
  static func words(_ text: String) -> [Word] {
    var result: [Word] = []
    var start: String.Index?
    var index = text.startIndex
    func close(at end: String.Index) {
      guard let begin = start else { return }
      var word = text[begin..<end]
      while word.last == "'" { word = word.dropLast() }
      let normalized = word.lowercased().filter { $0.isLetter || $0.isNumber }
      if !normalized.isEmpty {
        result.append(Word(range: word.startIndex..<word.endIndex, original: word, normalized: normalized))
      }
      start = nil
    }
    while index < text.endIndex {
      let character = text[index]
      if character.isLetter || character.isNumber || (character == "'" && start != nil) {
        if start == nil { start = index }
      } else {
        close(at: index)
      }
      index = text.index(after: index)
    }
    close(at: text.endIndex)
    return result
  }

  /// The rare-literal candidates of a text: numbers of two digits or more, and runs of two or
  /// more capitalised words.
  static func literals(_ text: String) -> [(String, String)] {
    literalRanges(words(text)).map { literal, _ in (literal, literal.first?.isNumber == true ? "number" : "name") }
  }

  static func literalRanges(_ tokens: [Word]) -> [(String, Range<Int>)] {
    var result: [(String, Range<Int>)] = []
    var index = 0
    while index < tokens.count {
      let word = tokens[index].original
      if word.count >= 2, word.allSatisfy(\.isNumber) {
        result.append((tokens[index].normalized, index..<(index + 1)))
        index += 1
        continue
      }
      var end = index
      while end < tokens.count, tokens[end].original.first?.isUppercase == true,
        tokens[end].original.dropFirst().allSatisfy({ $0.isLowercase || $0 == "'" })
      {
        end += 1
      }
      if end - index >= 2 {
        result.append((tokens[index..<end].map(\.normalized).joined(separator: " "), index..<end))
        index = end
      } else {
        index += 1
      }
    }
    return result
  }

  /// The runs of `words` consecutive words of `tokens`.
  static func ngrams(_ tokens: [String], words: Int) -> [String] {
    guard tokens.count >= words else { return [] }
    return (0...(tokens.count - words)).map { tokens[$0..<($0 + words)].joined(separator: " ") }
  }

  /// In how many of `population` each run of `words` words appears.
  static func ngramCounts(_ population: [Example], words: Int) -> [String: Int] {
    var counts: [String: Int] = [:]
    for example in population {
      let seen = Set(ngrams(Self.words(example.x + "\n" + example.y).map(\.normalized), words: words))
      for ngram in seen { counts[ngram, default: 0] += 1 }
    }
    return counts
  }

  /// In how many of `population` each literal appears.
  static func literalCounts(_ population: [Example]) -> [String: Int] {
    var counts: [String: Int] = [:]
    for example in population {
      let seen = Set(literals(example.x + "\n" + example.y).map(\.0))
      for literal in seen { counts[literal, default: 0] += 1 }
    }
    return counts
  }
}
