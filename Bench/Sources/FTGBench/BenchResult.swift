/// One figure a benchmark measured, with the bound it is held to: what a case reports to
/// the parent (as JSON) and what the report prints.
struct BenchResult: Codable, Sendable {
  /// What was measured (`round-10`, `hetero`, `cache`...).
  var name: String
  /// The measured value, in `unit`.
  var figure: Double
  /// `s`, `ms`, `MB` or `/s`.
  var unit: String
  /// The ideal the figure is compared with, in `unit` (a critical path, a target), if any.
  var bound: Double?
  /// The most `figure / bound` may be, when the figure is held to a ratio.
  var maxRatio: Double?
  /// The most `figure` may be, when it is held to an absolute target.
  var maxFigure: Double?
  /// Further facts about the run: calls made, what the bound assumed.
  var detail: String = ""

  /// `figure / bound`, when there is a bound.
  var ratio: Double? { bound.map { $0 > 0 ? figure / $0 : 0 } }

  /// Whether the figure meets its target; nil when it has none.
  var met: Bool? {
    if let maxRatio, let ratio { return ratio <= maxRatio }
    if let maxFigure { return figure <= maxFigure }
    return nil
  }
}
