/// A compact text rendering of a `Figure` for the terminal: for a line chart a grid of
/// characters with one marker per series, the y range on the left and a legend below; for a
/// bar chart one horizontal bar per category and series, with its value.
struct TextChart {
  let figure: Figure
  let columns = 48
  let rows = 10
  static let markers: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]

  func render() -> String {
    let points = figure.series.flatMap(\.points)
    guard !points.isEmpty else { return "\(figure.title) (no data)" }
    if figure.kind == .bar { return bars() }
    let yScale = ChartScale(values: points.map(\.y), includeZero: figure.kind == .bar)
    let xValues = points.map(\.x)
    let xLow = xValues.min() ?? 0, xHigh = xValues.max() ?? 1
    var grid = Array(repeating: Array(repeating: Character(" "), count: columns), count: rows)
    for (i, series) in figure.series.enumerated() {
      let marker = Self.markers[i % Self.markers.count]
      for point in series.points {
        let fx = xHigh == xLow ? 0.5 : (point.x - xLow) / (xHigh - xLow)
        let column = min(columns - 1, Int((fx * Double(columns - 1)).rounded()))
        let row = min(rows - 1, max(0, Int(yScale.position(point.y, from: Double(rows - 1), to: 0).rounded())))
        grid[row][column] = marker
      }
    }
    let top = ChartScale.label(yScale.upper), bottom = ChartScale.label(yScale.lower)
    let labelWidth = max(top.count, bottom.count)
    var lines = [figure.title]
    for (r, row) in grid.enumerated() {
      let label = r == 0 ? top : (r == rows - 1 ? bottom : "")
      lines.append(String(repeating: " ", count: labelWidth - label.count) + label + " |" + String(row))
    }
    lines.append(String(repeating: " ", count: labelWidth) + " +" + String(repeating: "-", count: columns))
    let xAxis = "\(ChartScale.label(xLow)) .. \(ChartScale.label(xHigh))  \(figure.xLabel)"
    lines.append(String(repeating: " ", count: labelWidth + 2) + xAxis)
    let legend = figure.series.enumerated().map { "\(Self.markers[$0.offset % Self.markers.count]) \($0.element.name)" }
    lines.append(
      String(repeating: " ", count: labelWidth + 2) + legend.joined(separator: "   ") + "   (y: \(figure.yLabel))")
    return lines.joined(separator: "\n")
  }

  private func bars() -> String {
    let positions = Array(Set(figure.series.flatMap { $0.points.map(\.x) })).sorted()
    let largest = figure.series.flatMap { $0.points.map { abs($0.y) } }.max() ?? 0
    var rows: [(label: String, value: Double)] = []
    for (p, x) in positions.enumerated() {
      let name = p < figure.categories.count && x == Double(p) ? figure.categories[p] : ChartScale.label(x)
      for series in figure.series {
        guard let point = series.points.first(where: { $0.x == x }) else { continue }
        rows.append((figure.series.count > 1 ? "\(name) \(series.name)" : name, point.y))
      }
    }
    let labelWidth = rows.map(\.label.count).max() ?? 0
    let lines = rows.map { row in
      let length = largest == 0 ? 0 : Int((abs(row.value) / largest * Double(columns - 8)).rounded())
      let padding = String(repeating: " ", count: labelWidth - row.label.count)
      return "\(padding)\(row.label) |" + String(repeating: "#", count: length) + " " + ChartScale.label(row.value)
    }
    return ([figure.title] + lines + [String(repeating: " ", count: labelWidth + 2) + "(\(figure.yLabel))"])
      .joined(separator: "\n")
  }
}
