import FTGTestSupport
import Foundation
import Testing

@testable import FTGLang

/// Accuracies carry their n and 95% interval; paired comparisons say when they cannot tell.
@Suite struct UncertaintyTests {
  @Test func wilsonIntervalsMatchTheTextbook() {
    // 45 of 50: Wilson 95% interval [0.786, 0.957] (Newcombe 1998, computed by hand).
    let p = Proportion(successes: 45, of: 50)
    #expect(abs(p.low - 0.7864) < 0.001 && abs(p.high - 0.9565) < 0.001)
    #expect(p.rendered == "0.9 [0.79, 0.96]")
    let none = Proportion(successes: 0, of: 10)
    #expect(none.low == 0 && abs(none.high - 0.2775) < 0.001)
  }

  @Test func aMeanOfTasksKeepsWidthWhenATaskIsPerfect() {
    let mean = Proportion(meanOf: [Proportion(successes: 10, of: 10), Proportion(successes: 5, of: 10)])
    #expect(mean.value == 0.75 && mean.n == 20)
    #expect(mean.low < 0.75 && mean.high > 0.75 && mean.high < 1)
  }

  @Test func mcnemarIsExact() {
    // 10 discordant pairs split 8 to 2: p = 2 * P(X <= 2), X ~ Bin(10, 1/2) = 0.109375.
    let split = PairedComparison(
      Array(repeating: true, count: 8) + [false, false] + [true, false],
      Array(repeating: false, count: 8) + [true, true] + [true, false])
    #expect(split.firstOnly == 8 && split.secondOnly == 2 && split.n == 12)
    #expect(abs(split.p - 0.109375) < 1e-12)
    #expect(split.verdict(first: "a", second: "b") == "not distinguishable at n = 12 (McNemar p = 0.109)")
    let clear = PairedComparison(Array(repeating: true, count: 12), Array(repeating: false, count: 12))
    #expect(clear.verdict(first: "a", second: "b").hasPrefix("a is better at n = 12"))
    #expect(PairedComparison([true], [true]).p == 1)
  }

  @Test func proportionsComputeAndCompareAsNumbers() async {
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [])
    session.interpreter.globals.define("acc", .object(Proportion(successes: 3, of: 4)), mutable: false)
    _ = await session.evaluate(
      """
      print(acc, acc == 0.75, acc > 0.5, acc * 100, acc.n, acc.rounded(1), [acc, 0.25].mean(), type(acc))
      print(table([{run: "a", acc: acc}]).count)
      """, file: "u.ftg")
    #expect(host.output.hasPrefix("0.75 [0.30, 0.95] true true 75 4 0.8 0.5 Proportion\n"))
  }

  @Test func accuracyAndCompareOnTheSimulatedServer() async throws {
    let llm = try await SimulatedLLM()
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [])
    let outcome = await session.evaluate(
      """
      let e = engine("simulated", base: "\(llm.base)")
      let t = task("object_counting", test: 40)
      let weak = prompt(t.prompt)
      let strong = prompt("Work through the problem one step at a time. Count or compute every quantity explicitly before answering. Double-check the final result against the question. Ignore details that do not affect the answer. Keep the final line strictly in the required format. " + t.prompt)
      let a = accuracy(weak, t.test, engine: e)
      print(type(a), a.n, a.low <= a, a <= a.high)
      let c = compare(weak, strong, t.test, engine: e)
      print(c.n, c.a_only + c.b_only <= c.n, c.p <= 1, c.verdict.contains("n = 40"))
      let named = compare(weak, strong, t.test, engine: e, names: ["weak", "strong"])
      print(named.p == c.p, named.verdict == c.verdict.replace("a is", "weak is").replace("b is", "strong is"))
      let f = plot([{x: 1, acc: a}, {x: 2, acc: c.b}], x: "x", y: "acc")
      print(f.svg.contains("<line") )
      """, file: "sim.ftg")
    if case .failure(let d) = outcome { Issue.record("\(d)") }
    #expect(host.output == "Proportion 40 true true\n40 true true true\ntrue true\ntrue\n")
  }

  @Test func compareNamesMustBeTwoStrings() async {
    let session = Session(host: TestHost(), moduleSearchPaths: [])
    let outcome = await session.evaluate(
      "compare(prompt(\"x\"), prompt(\"y\"), [], engine: engine(\"simulated\", base: \"http://127.0.0.1:9/v1\"), names: [\"one\"])",
      file: "names.ftg")
    guard case .failure(let diagnostics) = outcome else {
      Issue.record("expected an error")
      return
    }
    #expect(diagnostics.first?.message.contains("names") == true)
    #expect(diagnostics.first?.message.contains("a list of two strings") == true)
  }
}
