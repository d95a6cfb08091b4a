/// A line-by-line difference of two texts (longest common subsequence), printed with `-`
/// for lines only in the old text, `+` for lines only in the new, and two spaces for both.
public enum LineDiff {
  /// One line of a diff.
  public enum Line: Equatable, Sendable {
    case same(String)
    case removed(String)
    case added(String)
  }

  public static func lines(from old: String, to new: String) -> [Line] {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard a.count * b.count <= 4_000_000 else {
      return a.map(Line.removed) + b.map(Line.added)
    }
    var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var out: [Line] = []
    var i = 0, j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        out.append(.same(a[i]))
        i += 1
        j += 1
      } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
        out.append(.added(b[j]))
        j += 1
      } else {
        out.append(.removed(a[i]))
        i += 1
      }
    }
    return out
  }

  /// The diff as text; unchanged lines are kept only within `context` lines of a change.
  public static func text(from old: String, to new: String, context: Int = 2) -> String {
    let diff = lines(from: old, to: new)
    let changed = diff.indices.filter { if case .same = diff[$0] { return false } else { return true } }
    return diff.indices.compactMap { index -> String? in
      switch diff[index] {
      case .removed(let s): return "- " + s
      case .added(let s): return "+ " + s
      case .same(let s):
        return changed.contains { abs($0 - index) <= context } ? "  " + s : nil
      }
    }.joined(separator: "\n")
  }
}
