import FTGLang

/// Tab completion at the `ftg>` prompt: `:command` names here, everything else (bindings,
/// members, keywords, names inside strings) from the session.
struct ShellCompleter: Sendable {
  let session: any LanguageSession

  /// Candidates for the word that ends at `cursor` (a character offset in `line`).
  func complete(line: String, cursor: Int) -> Session.Completion {
    let characters = Array(line)
    let typed = characters.prefix(min(max(cursor, 0), characters.count))
    let leadingSpaces = typed.prefix { $0 == " " }.count
    if typed.dropFirst(leadingSpaces).first == ":" {
      let word = typed.dropFirst(leadingSpaces + 1)
      if word.allSatisfy(\.isLetter) {
        return commandNames(startingWith: String(word), at: leadingSpaces)
      }
      let loadPrefix = Array(":load ")
      if word.count >= loadPrefix.count - 1,
        Array(typed.dropFirst(leadingSpaces).prefix(loadPrefix.count)) == loadPrefix
      {
        let path = typed.dropFirst(leadingSpaces + loadPrefix.count).drop { $0 == " " }
        return Session.Completion(
          start: typed.count - path.count, candidates: PathCompletion.candidates(for: String(path)))
      }
    }
    return session.completions(line: line, cursor: cursor)
  }

  /// `:name` candidates; a command that takes an argument gets a trailing space.
  private func commandNames(startingWith prefix: String, at start: Int) -> Session.Completion {
    let matches = ShellCommand.catalog.filter { $0.name.hasPrefix(prefix) }
    return Session.Completion(
      start: start,
      candidates: matches.map { ":" + $0.name + ($0.usage.contains(" ") ? " " : "") })
  }

  /// The longest prefix every candidate shares ("" for none).
  static func commonPrefix(_ candidates: [String]) -> String {
    guard var prefix = candidates.first.map(Array.init) else { return "" }
    for candidate in candidates.dropFirst() {
      let shared = zip(prefix, candidate).prefix { $0 == $1 }.count
      prefix.removeLast(prefix.count - shared)
    }
    return String(prefix)
  }

  /// Candidates laid out in columns that fit `width`, filled top to bottom like `ls`.
  static func columns(_ candidates: [String], width: Int) -> String {
    let cellWidth = (candidates.map(\.count).max() ?? 0) + 2
    let columnCount = max(1, width / max(cellWidth, 1))
    let rowCount = (candidates.count + columnCount - 1) / columnCount
    return (0..<rowCount).map { row in
      stride(from: row, to: candidates.count, by: rowCount).map { index in
        let name = candidates[index]
        let isLast = index + rowCount >= candidates.count
        return isLast ? name : name + String(repeating: " ", count: cellWidth - name.count)
      }.joined()
    }.joined(separator: "\n")
  }
}
