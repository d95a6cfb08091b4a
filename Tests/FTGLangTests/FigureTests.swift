import Foundation
import FoundationXML
import Testing

@testable import FTGLang

@Suite struct FigureTests {
  private func evaluate(_ source: String) async -> Value? {
    let session = Session(host: TestHost(), moduleSearchPaths: [])
    if case .value(let v) = await session.evaluate(source) { return v }
    return nil
  }

  @Test func plotGroupsRowsIntoSeries() async throws {
    let value = await evaluate(
      """
      let rows = [{round: 0, client: "a", acc: 0.5}, {round: 1, client: "a", acc: 0.6},
                  {round: 0, client: "b", acc: 0.4}, {round: 1, client: "b", acc: 0.7}]
      plot(rows, y: "acc", series: "client", title: "Clients")
      """)
    guard case .object(let object)? = value, let figure = object as? Figure else {
      Issue.record("plot should return a Figure")
      return
    }
    #expect(figure.title == "Clients")
    #expect(figure.series.map(\.name) == ["a", "b"])
    #expect(figure.series[1].points.map(\.y) == [0.4, 0.7])
  }

  @Test func tablesShowNumbersToThreeDecimals() async throws {
    let value = await evaluate("table([{acc: 1 / 3, n: 12, big: 2.5, tiny: 0.0004}, {acc: nil}])")
    guard case .object(let object)? = value, let table = object as? Table else {
      Issue.record("table should return a Table")
      return
    }
    let lines = table.rendered.split(separator: "\n")
    #expect(lines[2] == "0.333  12  2.5     0")
    #expect(lines[3] == "    -   -    -     -", "no value shows as a dash")
    #expect(table.markdown.contains("| 0.333 | 12 | 2.5 | 0 |\n| - | - | - | - |"))
    #expect(table.field("rows")?.rendered.contains("0.3333333333333333") == true)
  }

  @Test func svgIsWellFormedAndLabelled() throws {
    let figure = Figure(
      kind: .line, title: "Accuracy & rounds", xLabel: "round", yLabel: "val",
      series: [.init(name: "uid", points: [(0, 0.5), (1, 0.62), (2, 0.7)])])
    let svg = SVGChart(figure: figure).render()
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse())
    #expect(svg.contains("Accuracy &amp; rounds"))
    #expect(svg.contains("<polyline"))
    #expect(svg.contains(">uid</text>"))
    #expect(svg.contains(">0.7</text>"))
  }

  @Test func barChartsNameTheirCategories() async throws {
    let value = await evaluate(
      "plot([{agg: \"concat\", test: 0.7}, {agg: \"uid\", test: 0.8}], x: \"agg\", y: \"test\", kind: \"bar\")")
    guard case .object(let object)? = value, let figure = object as? Figure else {
      Issue.record("plot should return a Figure")
      return
    }
    let svg = SVGChart(figure: figure).render()
    #expect(figure.categories == ["concat", "uid"])
    #expect(svg.contains(">concat</text>") && svg.contains("<rect x="))
    #expect(XMLParser(data: Data(svg.utf8)).parse())
  }

  @Test func aTextBarChartHasABarPerCategory() {
    let figure = Figure(
      kind: .bar, title: "Words", xLabel: "aggregator", yLabel: "words",
      series: [.init(name: "words", points: [(0, 40), (1, 20), (2, 0)])], categories: ["concat", "summarize", "uid"])
    #expect(
      figure.rendered == """
        Words
           concat |######################################## 40
        summarize |#################### 20
              uid | 0
                   (words)
        """)
  }

  @Test func textChartShowsEverySeriesMarker() {
    let figure = Figure(
      kind: .line, title: "t", xLabel: "round", yLabel: "acc",
      series: [.init(name: "a", points: [(0, 0), (1, 1)]), .init(name: "b", points: [(0, 1), (1, 0)])])
    let text = figure.rendered
    #expect(text.contains("*") && text.contains("o"))
    #expect(text.contains("* a   o b"))
  }

  @Test func plotNamesAnUnknownKey() async {
    let session = Session(host: TestHost(), moduleSearchPaths: [])
    guard case .failure(let d) = await session.evaluate("plot([{acc: 1}], y: \"acx\")") else {
      Issue.record("expected an error")
      return
    }
    #expect(d.first?.message == "record has no key 'acx'; did you mean 'acc'?")
  }
}

@Suite struct SaveTests {
  @Test func saveWritesSVGAndReportsBadPaths() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ftg-save-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("figs/acc.svg").path
    let session = Session(host: TestHost(), moduleSearchPaths: [])
    _ = await session.evaluate("save(plot([{round: 0, acc: 0.5}, {round: 1, acc: 0.75}]), \"\(path)\")")
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.hasPrefix("<svg"))
    guard case .failure(let d) = await session.evaluate("save(1, \"/proc/nope/x.txt\")") else {
      Issue.record("expected an error")
      return
    }
    #expect(d.first?.message.hasPrefix("cannot write '/proc/nope/x.txt'") == true)
  }
}
