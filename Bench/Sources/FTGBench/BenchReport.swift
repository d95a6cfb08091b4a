import Foundation

/// The table `ftg-bench` prints: each figure, its bound, the ratio and whether it meets its
/// target, then what each run did.
enum BenchReport {
  static func header() -> String {
    row("benchmark", "figure", "bound", "ratio", "target", "ok") + "\n" + String(repeating: "-", count: 86)
  }

  static func line(_ result: BenchResult) -> String {
    let bound = result.bound.map { number($0, result.unit) } ?? "-"
    let ratio = result.ratio.map { String(format: "%.3f", $0) } ?? "-"
    let target =
      result.maxRatio.map { String(format: "ratio <= %.2f", $0) }
      ?? result.maxFigure.map { "<= " + number($0, result.unit) } ?? "-"
    let met = result.met.map { $0 ? "yes" : "NO" } ?? "-"
    let main = row(result.name, number(result.figure, result.unit), bound, ratio, target, met)
    return result.detail.isEmpty ? main : main + "\n    " + result.detail
  }

  private static func row(_ cells: String...) -> String {
    let widths = [26, 14, 12, 8, 18, 3]
    return zip(cells, widths).map { cell, width in
      cell.padding(toLength: max(width, cell.count), withPad: " ", startingAt: 0)
    }
    .joined(separator: " ")
  }

  private static func number(_ value: Double, _ unit: String) -> String {
    switch unit {
    case "/s": return String(format: "%.0f/s", value)
    case "s": return String(format: "%.3f s", value)
    default: return String(format: "%.2f %@", value, unit)
    }
  }
}
