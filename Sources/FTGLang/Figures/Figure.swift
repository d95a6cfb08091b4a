/// A chart: one or more named series of (x, y) points, drawn as lines or bars.
///
/// `plot(...)` returns one; notebooks save it as SVG, the shell shows it as text.
public final class Figure: DomainObject {
  /// How the series are drawn.
  public enum Kind: String, Sendable { case line, bar }

  /// One named series of points, in the order they were given, each with its 95% interval
  /// when it has one (an accuracy), drawn as an error bar.
  public struct Series: Sendable, Equatable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    /// The interval of each point, or nil; empty when no point has one.
    public var intervals: [ClosedRange<Double>?]

    public init(name: String, points: [(x: Double, y: Double)], intervals: [ClosedRange<Double>?] = []) {
      self.name = name
      self.points = points
      self.intervals = intervals.contains { $0 != nil } ? intervals : []
    }

    /// The interval of point `index`, if it has one.
    public func interval(at index: Int) -> ClosedRange<Double>? {
      index < intervals.count ? intervals[index] : nil
    }

    public static func == (a: Series, b: Series) -> Bool {
      a.name == b.name && a.points.elementsEqual(b.points) { $0.x == $1.x && $0.y == $1.y }
        && a.intervals == b.intervals
    }
  }

  public let kind: Kind
  public let title: String
  public let xLabel: String
  public let yLabel: String
  public let series: [Series]
  /// Names for the x positions of a bar chart whose x values are categories.
  public let categories: [String]

  public init(
    kind: Kind, title: String, xLabel: String, yLabel: String, series: [Series], categories: [String] = []
  ) {
    self.kind = kind
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.categories = categories
  }

  public var typeName: String { "Figure" }
  public var fieldNames: [String] { ["title", "kind", "x", "y", "series", "svg"] }

  public func field(_ name: String) -> Value? {
    switch name {
    case "title": return .string(title)
    case "kind": return .string(kind.rawValue)
    case "x": return .string(xLabel)
    case "y": return .string(yLabel)
    case "series":
      return .list(
        series.map { s in
          .record(
            Record([
              ("name", .string(s.name)),
              ("points", .list(s.points.map { .list([.number($0.x), .number($0.y)]) })),
            ]))
        })
    case "svg": return .string(SVGChart(figure: self).render())
    default: return nil
    }
  }

  /// The compact text rendering the shell prints.
  public var rendered: String { TextChart(figure: self).render() }
}

extension Value {
  /// True when this value is one of `figures`, the figures a notebook cell saved as SVG.
  func isCapturedFigure(in figures: [Figure]) -> Bool {
    guard case .object(let object as Figure) = self else { return false }
    return figures.contains { $0 === object }
  }
}
