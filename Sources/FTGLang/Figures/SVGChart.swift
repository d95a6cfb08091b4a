import Foundation

/// Draws a `Figure` as a standalone SVG document: title, axes with ticks and labels, a
/// legend, and one line (with point markers) or one bar group member per series, with an
/// error bar over every point that has an interval.
struct SVGChart {
  let figure: Figure
  let width = 640.0
  let height = 400.0
  private let left = 64.0, right = 160.0, top = 48.0, bottom = 56.0

  static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

  func render() -> String {
    let plotRight = width - right, plotBottom = height - bottom
    let ys = figure.series.flatMap { series in
      series.points.map(\.y) + series.intervals.compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] }
    }
    let yScale = ChartScale(values: ys, includeZero: figure.kind == .bar)
    var svg: [String] = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
        + "viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" font-family=\"sans-serif\" font-size=\"12\">",
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
      text(
        figure.title, x: (left + plotRight) / 2, y: 24, anchor: "middle",
        extra: " font-size=\"16\" font-weight=\"bold\""),
    ]
    for tick in yScale.ticks {
      let y = yScale.position(tick, from: plotBottom, to: top)
      svg.append(line(left, y, plotRight, y, stroke: "#e0e0e0"))
      svg.append(text(ChartScale.label(tick), x: left - 8, y: y + 4, anchor: "end"))
    }
    svg.append(line(left, top, left, plotBottom, stroke: "#333"))
    svg.append(line(left, plotBottom, plotRight, plotBottom, stroke: "#333"))
    svg += figure.kind == .bar ? bars(yScale, plotRight, plotBottom) : lines(yScale, plotRight, plotBottom)
    svg.append(text(figure.xLabel, x: (left + plotRight) / 2, y: height - 16, anchor: "middle"))
    svg.append(
      "<text x=\"18\" y=\"\(fmt((top + plotBottom) / 2))\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 18 \(fmt((top + plotBottom) / 2)))\">\(escape(figure.yLabel))</text>")
    svg += legend(x: plotRight + 16)
    svg.append("</svg>")
    return svg.joined(separator: "\n") + "\n"
  }

  private func lines(_ yScale: ChartScale, _ plotRight: Double, _ plotBottom: Double) -> [String] {
    let xs = figure.series.flatMap { $0.points.map(\.x) }
    let xScale = ChartScale(values: xs, includeZero: false)
    var out: [String] = []
    for tick in xScale.ticks {
      let x = xScale.position(tick, from: left, to: plotRight)
      out.append(line(x, plotBottom, x, plotBottom + 5, stroke: "#333"))
      out.append(text(ChartScale.label(tick), x: x, y: plotBottom + 18, anchor: "middle"))
    }
    for (i, series) in figure.series.enumerated() {
      let color = Self.palette[i % Self.palette.count]
      let points = series.points.map {
        (xScale.position($0.x, from: left, to: plotRight), yScale.position($0.y, from: plotBottom, to: top))
      }
      let path = points.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ")
      out.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(path)\"/>")
      out += points.map { "<circle cx=\"\(fmt($0.0))\" cy=\"\(fmt($0.1))\" r=\"3\" fill=\"\(color)\"/>" }
      for (index, point) in points.enumerated() {
        if let interval = series.interval(at: index) {
          out += errorBar(x: point.0, interval, yScale, plotBottom, color: color)
        }
      }
    }
    return out
  }

  /// A vertical bar from an interval's low to its high end, with short caps.
  private func errorBar(
    x: Double, _ interval: ClosedRange<Double>, _ yScale: ChartScale, _ plotBottom: Double, color: String
  ) -> [String] {
    let low = yScale.position(interval.lowerBound, from: plotBottom, to: top)
    let high = yScale.position(interval.upperBound, from: plotBottom, to: top)
    return [
      line(x, low, x, high, stroke: color), line(x - 4, low, x + 4, low, stroke: color),
      line(x - 4, high, x + 4, high, stroke: color),
    ]
  }

  private func bars(_ yScale: ChartScale, _ plotRight: Double, _ plotBottom: Double) -> [String] {
    let positions = Array(Set(figure.series.flatMap { $0.points.map(\.x) })).sorted()
    guard !positions.isEmpty else { return [] }
    let slot = (plotRight - left) / Double(positions.count)
    let barWidth = slot * 0.8 / Double(max(1, figure.series.count))
    let zero = yScale.position(0, from: plotBottom, to: top)
    var out: [String] = []
    for (p, x) in positions.enumerated() {
      let center = left + slot * (Double(p) + 0.5)
      let name = p < figure.categories.count && x == Double(p) ? figure.categories[p] : ChartScale.label(x)
      out.append(text(name, x: center, y: plotBottom + 18, anchor: "middle"))
      for (i, series) in figure.series.enumerated() {
        guard let index = series.points.firstIndex(where: { $0.x == x }) else { continue }
        let y = yScale.position(series.points[index].y, from: plotBottom, to: top)
        let barX = center - slot * 0.4 + barWidth * Double(i)
        let color = Self.palette[i % Self.palette.count]
        out.append(
          "<rect x=\"\(fmt(barX))\" y=\"\(fmt(min(y, zero)))\" width=\"\(fmt(barWidth))\" "
            + "height=\"\(fmt(abs(zero - y)))\" fill=\"\(color)\"/>")
        if let interval = series.interval(at: index) {
          out += errorBar(x: barX + barWidth / 2, interval, yScale, plotBottom, color: "#333")
        }
      }
    }
    return out
  }

  private func legend(x: Double) -> [String] {
    figure.series.enumerated().flatMap { i, series -> [String] in
      let y = top + 8 + Double(i) * 20
      let color = Self.palette[i % Self.palette.count]
      return [
        "<rect x=\"\(fmt(x))\" y=\"\(fmt(y - 9))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>",
        text(series.name, x: x + 18, y: y + 1, anchor: "start"),
      ]
    }
  }

  private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
    "<line x1=\"\(fmt(x1))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(x2))\" y2=\"\(fmt(y2))\" stroke=\"\(stroke)\"/>"
  }

  private func text(_ content: String, x: Double, y: Double, anchor: String, extra: String = "") -> String {
    "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"\(anchor)\"\(extra)>\(escape(content))</text>"
  }

  private func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

  private func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
