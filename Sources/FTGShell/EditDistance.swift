/// Levenshtein distance and "did you mean" suggestions for misspelt names.
enum EditDistance {
  /// The number of single-character insertions, deletions and substitutions that turn
  /// `a` into `b`.
  static func between(_ a: String, _ b: String) -> Int {
    let source = Array(a)
    let target = Array(b)
    var previous = Array(0...target.count)
    for (i, sourceCharacter) in source.enumerated() {
      var current = [i + 1]
      for (j, targetCharacter) in target.enumerated() {
        let substitution = previous[j] + (sourceCharacter == targetCharacter ? 0 : 1)
        current.append(min(substitution, previous[j + 1] + 1, current[j] + 1))
      }
      previous = current
    }
    return previous[target.count]
  }

  /// The candidate closest to `word`, if it is close enough to be a plausible typo
  /// (at most 2 edits, or a third of the word's length for long words).
  static func suggestion(for word: String, among candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    let scored = candidates.map { (name: $0, distance: between(word, $0)) }
    guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit
    else { return nil }
    return best.name
  }
}
