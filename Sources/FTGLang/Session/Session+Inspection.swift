extension Session {
  /// The help text for a binding, builtin, keyword or member path (`xs.map`): summary, signature and an example.
  ///
  /// Nil when the name is unknown.
  public func help(_ name: String) -> String? {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    if let keyword = Help.text(forKeyword: trimmed) { return keyword }
    guard let value = resolvePath(trimmed) else { return nil }
    return Help.text(for: value)
  }

  /// Completion of the word before `cursor` in `line` (a character offset): bindings,
  /// builtins and keywords; members after a dot; file paths inside a string literal.
  public func completions(line: String, cursor: Int) -> Completion {
    let before = Array(line.prefix(max(0, cursor)))
    if let quote = openQuote(in: before) {
      return pathCompletion(String(before[(quote + 1)...]), start: quote + 1)
    }
    var start = before.count
    while start > 0, before[start - 1].isLetter || before[start - 1].isNumber || before[start - 1] == "_" {
      start -= 1
    }
    let word = String(before[start...])
    let candidates: [String]
    if start > 0, before[start - 1] == "." {
      let receiverText = receiverPath(before, endingAt: start - 1)
      guard let receiver = resolvePath(receiverText) else { return Completion(start: start, candidates: []) }
      candidates = Members.names(of: receiver)
    } else {
      candidates = interpreter.globals.visibleNames + Keyword.allCases.map(\.rawValue)
    }
    let matches = Set(candidates.filter { $0.hasPrefix(word) && $0 != "_" })
    return Completion(start: start, candidates: matches.sorted())
  }

  /// Follows `a.b.c` through bindings and fields without calling anything.
  func resolvePath(_ path: String) -> Value? {
    let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard let first = parts.first, let binding = interpreter.globals.lookup(first) else { return nil }
    var value = binding.value
    let noWhere = SourceRange(
      file: Session.replFile, start: SourceLocation(offset: 0, line: 1, column: 1),
      end: SourceLocation(offset: 0, line: 1, column: 1))
    for part in parts.dropFirst() {
      guard let next = try? Members.member(part, of: value, at: noWhere) else { return nil }
      value = next
    }
    return value
  }

  /// The `a.b` in `a.b.` before a dot at `dot`.
  private func receiverPath(_ chars: [Character], endingAt dot: Int) -> String {
    var start = dot
    while start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || "_.".contains(chars[start - 1]) {
      start -= 1
    }
    return String(chars[start..<dot])
  }

  /// The position of an unclosed `"` before the cursor, if the cursor is inside a string.
  private func openQuote(in chars: [Character]) -> Int? {
    var open: Int?
    var i = 0
    while i < chars.count {
      if chars[i] == "\\" {
        i += 2
        continue
      }
      if chars[i] == "\"" { open = open == nil ? i : nil }
      i += 1
    }
    return open
  }

  private func pathCompletion(_ partial: String, start: Int) -> Completion {
    let slash = partial.lastIndex(of: "/")
    let folder = slash.map { String(partial[...$0]) } ?? ""
    let stem = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
    let entries = interpreter.host.directoryEntries(atPath: folder.isEmpty ? "." : folder)
    let matches = entries.filter { $0.hasPrefix(stem) && ($0.hasPrefix(".") == stem.hasPrefix(".")) }
    return Completion(start: start, candidates: matches.sorted().map { folder + $0 })
  }
}
