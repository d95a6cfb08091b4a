/// A word-by-word difference of two texts, for prompts that are one long paragraph:
/// removed words as `[-old words-]`, added ones as `{+new words+}`.
enum WordDiff {
  static func text(from old: String, to new: String) -> String {
    let a = old.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "\n")
    let b = new.split(separator: " ", omittingEmptySubsequences: false).joined(separator: "\n")
    var out: [String] = []
    var removed: [String] = []
    var added: [String] = []
    func flush() {
      if !removed.isEmpty { out.append("[-" + removed.joined(separator: " ") + "-]") }
      if !added.isEmpty { out.append("{+" + added.joined(separator: " ") + "+}") }
      removed = []
      added = []
    }
    for line in LineDiff.lines(from: a, to: b) {
      switch line {
      case .same(let word):
        flush()
        out.append(word)
      case .removed(let word): removed.append(word)
      case .added(let word): added.append(word)
      }
    }
    flush()
    return out.joined(separator: " ")
  }
}
