/// The error for a task name that names no known task, with the closest known name.
public struct UnknownTaskError: Error, Equatable, CustomStringConvertible {
  /// The name that was asked for.
  public let name: String
  /// The closest known name, when one is near enough to be a likely typo.
  public let suggestion: String?

  /// Creates the error, finding a suggestion among the known task names.
  public init(name: String) {
    self.name = name
    self.suggestion = Self.closestName(to: name)
  }

  /// A message naming the unknown task, the suggestion if any, and the known tasks.
  public var description: String {
    let known = TaskName.allCases.map(\.rawValue).joined(separator: ", ")
    let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
    return "unknown task '\(name)'\(hint) (known tasks: \(known))"
  }

  private static func closestName(to name: String) -> String? {
    let wanted = name.lowercased()
    let scored = TaskName.allCases.flatMap { task in
      task.acceptedSpellings.map { (task.rawValue, editDistance(wanted, $0)) }
    }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, wanted.count / 3) ? best.0 : nil
  }
}
