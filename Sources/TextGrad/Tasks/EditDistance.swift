/// The Levenshtein distance between two strings: insertions, deletions and substitutions.
func editDistance(_ source: String, _ target: String) -> Int {
  let source = Array(source)
  let target = Array(target)
  guard !source.isEmpty else { return target.count }
  guard !target.isEmpty else { return source.count }
  var previous = Array(0...target.count)
  var current = previous
  for (row, sourceCharacter) in source.enumerated() {
    current[0] = row + 1
    for (column, targetCharacter) in target.enumerated() {
      let substitution = previous[column] + (sourceCharacter == targetCharacter ? 0 : 1)
      current[column + 1] = min(substitution, previous[column + 1] + 1, current[column] + 1)
    }
    swap(&previous, &current)
  }
  return previous[target.count]
}
