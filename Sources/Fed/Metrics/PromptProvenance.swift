import Foundation

/// Where each sentence of a merged prompt most likely came from: the client prompt (and the
/// client's feedback) it resembles most, or the merge itself when no client wrote anything
/// like it.
///
/// Resemblance is the Dice coefficient of the two sentences' word multisets (lower-cased
/// letters and digits): 1 for the same words, 0 for none in common. A sentence below
/// `threshold` against every client sentence counts as introduced by the merge.
public struct PromptProvenance: Sendable {
  /// One sentence of the merged prompt and its most likely source.
  public struct Origin: Sendable, Hashable {
    /// The sentence, as the merged prompt writes it.
    public var sentence: String
    /// The client whose prompt holds the closest sentence, nil when the merge introduced it.
    public var client: Int?
    /// That closest sentence, and how close it is (0...1).
    public var source: String?
    public var score: Double
    /// The client's feedback closest to the sentence in that round, and how close it is.
    public var gradient: String?
    public var gradientScore: Double
  }

  /// Below this resemblance a sentence has no client source.
  public let threshold: Double

  /// Provenance with the given threshold (0.5: half the words in common).
  public init(threshold: Double = 0.5) {
    self.threshold = threshold
  }

  /// The origins of `merged`'s sentences, given each client's prompt and feedback that round.
  public func origins(of merged: String, clients: [(id: Int, prompt: String, gradients: [String])]) -> [Origin] {
    let candidates = clients.flatMap { client in Self.sentences(client.prompt).map { (client.id, $0) } }
    return Self.sentences(merged).map { sentence in
      let words = Self.words(sentence)
      var best: (client: Int, text: String, score: Double)?
      for (client, text) in candidates {
        let score = Self.dice(words, Self.words(text))
        if score > (best?.score ?? -1) { best = (client, text, score) }
      }
      guard let best, best.score >= threshold else {
        return Origin(
          sentence: sentence, client: nil, source: best?.text, score: best?.score ?? 0, gradient: nil, gradientScore: 0)
      }
      let feedback = clients.first { $0.id == best.client }?.gradients ?? []
      let closest = feedback.map { ($0, Self.dice(words, Self.words($0))) }.max { $0.1 < $1.1 }
      return Origin(
        sentence: sentence, client: best.client, source: best.text, score: best.score, gradient: closest?.0,
        gradientScore: closest?.1 ?? 0)
    }
  }

  /// The sentences of `text`: split after `.`, `!` or `?` followed by a space, and at line ends.
  static func sentences(_ text: String) -> [String] {
    var result: [String] = []
    var current = ""
    var previous: Character?
    for character in text {
      if character == "\n" || (character == " " && [".", "!", "?"].contains(previous)) {
        let trimmed = current.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty { result.append(trimmed) }
        current = ""
      } else {
        current.append(character)
      }
      previous = character
    }
    let trimmed = current.trimmingCharacters(in: .whitespaces)
    if !trimmed.isEmpty { result.append(trimmed) }
    return result
  }

  static func words(_ text: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
      counts[String(word), default: 0] += 1
    }
    return counts
  }

  /// Twice the shared words over all words, counting repeats.
  static func dice(_ a: [String: Int], _ b: [String: Int]) -> Double {
    let total = a.values.reduce(0, +) + b.values.reduce(0, +)
    guard total > 0 else { return 0 }
    let shared = a.reduce(0) { $0 + min($1.value, b[$1.key] ?? 0) }
    return 2 * Double(shared) / Double(total)
  }
}
