/// Finds the name a typo most likely meant, by edit distance: the one "did you mean" every
/// layer of ftg uses (unknown tasks, names, members, labels, shell commands).
public enum NameSuggestion {
  /// The closest candidate within a distance that grows with the name's length, if any.
  ///
  /// Names shorter than three characters only match a different capitalisation.
  public static func closest(to name: String, among candidates: [String]) -> String? {
    let budget = name.count < 3 ? 0 : max(1, name.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in Set(candidates).sorted() where candidate != name {
      if abs(candidate.count - name.count) > budget { continue }
      let d = distance(name, candidate)
      if d <= budget, d < (best?.distance ?? Int.max) {
        best = (candidate, d)
      }
    }
    return best?.name
  }

  /// Optimal-string-alignment distance: insertions, deletions, substitutions and
  /// transpositions of neighbours each cost one.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased()), y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var table = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { table[i][0] = i }
    for j in 0...y.count { table[0][j] = j }
    for i in 1...x.count {
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        var d = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          d = min(d, table[i - 2][j - 2] + 1)
        }
        table[i][j] = d
      }
    }
    return table[x.count][y.count]
  }
}
