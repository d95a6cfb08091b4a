extension Prelude {
  static let figures: [String: NativeFunction] = [
    "table": NativeFunction(
      signature: "table(data, columns: nil)",
      summary: "rows as an aligned table: a list of records, a run (a row per round) or a list of runs",
      example: "table(runs, columns: [\"steps\", \"test\"])", labels: ["columns"], arity: 1...1
    ) { args, _ in
      let rows = try Rows.of(args.positional[0], at: args.range(at: 0))
      var columns: [String]?
      if let given = args.labelled("columns") {
        columns = try Iteration.elements(of: given.value, at: given.range).map { column in
          guard case .string(let name) = column else {
            throw Diagnostic(
              Messages.argumentType("columns", expected: "a list of strings", got: column.described), at: given.range)
          }
          return name
        }
      }
      return .object(Table(records: rows, columns: columns))
    },
    "save": NativeFunction(
      signature: "save(x, path)",
      summary: "writes a figure as SVG, a table as Markdown, or any other value as text, to path",
      example: "save(plot(run, y: \"val\"), \"figures/val.svg\")", arity: 2...2
    ) { args, interpreter in
      let path = try args.string(1, "path")
      let contents: String
      switch args.positional[0] {
      case .object(let figure as Figure): contents = SVGChart(figure: figure).render()
      case .object(let table as Table): contents = table.markdown + "\n"
      case let other: contents = other.rendered + "\n"
      }
      do {
        try interpreter.host.writeFile(atPath: path, contents: contents)
      } catch {
        throw Diagnostic(Messages.cannotWrite(path, error.localizedDescription), at: args.range(at: 1))
      }
      return .string(path)
    },
    "plot": NativeFunction(
      signature: "plot(data, x: \"round\", y: \"acc\", series: nil, title: nil, kind: \"line\")",
      summary: "a line or bar chart of rows; y may be a list of keys, series splits rows into lines by a key",
      example: "plot(run, y: \"val\")   # or plot(runs, x: \"steps\", y: \"test\", kind: \"bar\")",
      labels: ["x", "y", "series", "title", "kind"], arity: 1...1
    ) { args, interpreter in
      let figure = try PlotRequest(args).figure()
      interpreter.capture?.figures.append(figure)
      return .object(figure)
    },
  ]
}

/// The arguments of `plot`, checked, and the figure they describe.
private struct PlotRequest {
  let rows: [Record]
  let x: String?
  let ys: [String]
  let series: String?
  let title: String?
  let kind: Figure.Kind
  let args: Arguments

  init(_ args: Arguments) throws {
    self.args = args
    let rows = try Rows.of(args.positional[0], at: args.range(at: 0))
    self.rows = rows
    let keys = Set(rows.flatMap(\.keys))
    func key(_ label: String) throws -> String? {
      guard let given = args.labelled(label) else { return nil }
      guard case .string(let name) = given.value else {
        throw Diagnostic(
          Messages.argumentType(label, expected: "a String key", got: given.value.described), at: given.range)
      }
      guard keys.contains(name) || rows.isEmpty else {
        throw Diagnostic(
          Messages.withSuggestion(Messages.keyNotFound(name), for: name, among: keys.sorted()), at: given.range)
      }
      return name
    }
    x = try key("x") ?? (keys.contains("round") ? "round" : nil)
    series = try key("series")
    title = args.labelled("title").map { $0.value.rendered }
    if let given = args.labelled("y"), case .list(let names) = given.value {
      ys = try names.map { name in
        guard case .string(let s) = name, keys.contains(s) || rows.isEmpty else {
          throw Diagnostic(Messages.keyNotFound(name.rendered), at: given.range)
        }
        return s
      }
    } else if let single = try key("y") {
      ys = [single]
    } else {
      ys = ["acc"].filter(keys.contains)
      guard !ys.isEmpty || rows.isEmpty else {
        throw Diagnostic(Messages.missingArgument("y", function: "plot"), at: args.callRange)
      }
    }
    switch args.labelled("kind")?.value {
    case nil, .string("line")?: kind = .line
    case .string("bar")?: kind = .bar
    case let other?:
      throw Diagnostic(
        Messages.argumentType("kind", expected: "\"line\" or \"bar\"", got: other.described),
        at: args.labelled("kind")?.range ?? args.callRange)
    }
  }

  func figure() throws -> Figure {
    var categories: [String] = []
    func xValue(_ row: Record, index: Int) -> Double {
      guard let x else { return Double(index) }
      switch row[x] {
      case let value? where value.numeric != nil: return value.numeric ?? 0
      case let other?:
        let name = other.rendered
        if let i = categories.firstIndex(of: name) { return Double(i) }
        categories.append(name)
        return Double(categories.count - 1)
      case nil: return Double(index)
      }
    }
    var byName: [(String, [(x: Double, y: Double)], [ClosedRange<Double>?])] = []
    for (index, row) in rows.enumerated() {
      let xv = xValue(row, index: index)
      for y in ys {
        guard let cell = row[y], let yv = cell.numeric else { continue }
        var interval: ClosedRange<Double>?
        if case .object(let proportion as Proportion) = cell { interval = proportion.low...proportion.high }
        var name = ys.count > 1 || series == nil ? y : ""
        if let series, let group = row[series] { name = ys.count > 1 ? "\(group.rendered) \(y)" : group.rendered }
        if let i = byName.firstIndex(where: { $0.0 == name }) {
          byName[i].1.append((xv, yv))
          byName[i].2.append(interval)
        } else {
          byName.append((name, [(xv, yv)], [interval]))
        }
      }
    }
    let yLabel = ys.joined(separator: ", ")
    return Figure(
      kind: kind, title: title ?? "\(yLabel) by \(x ?? "index")", xLabel: x ?? "index", yLabel: yLabel,
      series: byName.map { Figure.Series(name: $0.0, points: $0.1, intervals: $0.2) }, categories: categories)
  }
}
