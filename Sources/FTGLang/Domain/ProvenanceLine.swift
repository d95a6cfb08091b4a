/// A line of `show(run)` that gives one sentence of a merged prompt with its source.
///
/// Such lines read `  client 2 │ Count every item.` or `  merge    │ Be careful.`.
/// The text says the source in words, so it reads without colour; the shell and the HTML
/// export recognise such lines and colour each by its source.
public enum ProvenanceLine {
  /// Where a sentence came from.
  public enum Source: Hashable, Sendable {
    /// The client with this index wrote it.
    case client(Int)
    /// No client wrote anything like it: the merge introduced it.
    case merge
  }

  static let separator = " │ "

  /// The line for `sentence` from `source`.
  static func text(_ sentence: String, from source: Source) -> String {
    let label: String
    switch source {
    case .client(let index): label = "client \(index)"
    case .merge: label = "merge"
    }
    return "  " + label.padding(toLength: max(8, label.count), withPad: " ", startingAt: 0) + separator + sentence
  }

  /// The source a line gives, or nil for any other line.
  public static func source(of line: Substring) -> Source? {
    guard line.hasPrefix("  "), let bar = line.range(of: separator) else { return nil }
    let label = line[line.index(line.startIndex, offsetBy: 2)..<bar.lowerBound].trimmingCharacters(in: .whitespaces)
    if label == "merge" { return .merge }
    guard label.hasPrefix("client "), let index = Int(label.dropFirst(7)), index >= 0 else { return nil }
    return .client(index)
  }
}
