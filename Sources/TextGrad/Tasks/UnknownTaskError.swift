import FTGSupport

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
    let spellings = TaskName.allCases.flatMap { task in task.acceptedSpellings.map { ($0, task.rawValue) } }
    let closest = NameSuggestion.closest(to: name.lowercased(), among: spellings.map(\.0))
    return closest.flatMap { spelling in spellings.first { $0.0 == spelling }?.1 }
  }
}
