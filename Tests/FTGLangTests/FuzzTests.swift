import Foundation
import Testing

@testable import FTGLang

/// Thousands of random and mutated programs: each must end in a value or an error, never a crash or a hang.
///
/// Seeded, so a failure reproduces.
@Suite struct FuzzTests {
  static let vocabulary = [
    "let", "var", "fn", "if", "else", "for", "in", "while", "return", "break", "continue", "use",
    "true", "false", "nil", "x", "y", "f", "xs", "print", "map", "reduce", "sorted", "help", "0", "1",
    "2.5", "-1", "1e9", "\"s\"", "\"\\(x)\"", "\"\"\"\n", "(", ")", "[", "]", "{", "}", ",", ":", ".",
    "+", "-", "*", "/", "%", "!", "=", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "|>", "..<",
    "...", "\n", " ", "#", "\\", "@", "'",
  ]

  static let seeds: [String] = {
    let folder = ScriptTests.folder
    return ScriptTests.scripts.compactMap {
      try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
    }
  }()

  @Test(.timeLimit(.minutes(5)))
  func randomTokenSoupNeverCrashes() async {
    var rng = SplitMix64(seed: 2025)
    for _ in 0..<2_000 {
      let length = Int.random(in: 1...40, using: &rng)
      let program = (0..<length).map { _ in Self.vocabulary.randomElement(using: &rng) ?? "" }.joined(separator: " ")
      await checkTerminates(program)
    }
  }

  @Test(.timeLimit(.minutes(5)))
  func mutatedScriptsNeverCrash() async {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<2_000 {
      guard var chars = Self.seeds.randomElement(using: &rng).map(Array.init), !chars.isEmpty else { continue }
      for _ in 0..<Int.random(in: 1...6, using: &rng) {
        let i = Int.random(in: 0..<chars.count, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: chars.remove(at: i)
        case 1: chars.insert(Array("(){}[]\"\\.,:=+#\n")[Int.random(in: 0..<15, using: &rng)], at: i)
        case 2: chars.insert(contentsOf: Array(Self.vocabulary.randomElement(using: &rng) ?? ""), at: i)
        default:
          let j = Int.random(in: 0..<chars.count, using: &rng)
          chars.swapAt(i, j)
        }
        if chars.isEmpty { chars = ["x"] }
      }
      await checkTerminates(String(chars))
    }
  }

  @Test func pathologicalInputsAreErrors() async {
    let programs = [
      String(repeating: "{", count: 10_000),
      String(repeating: "f(", count: 10_000),
      String(repeating: "x.", count: 10_000) + "y",
      String(repeating: "\"\\(", count: 3_000),
      "let s = \"x\" * 1e12",
      "[0] * 99999999999",
      "(0..<99999999999).map { x in x }",
      "fn f(n) = f(n) + f(n)\nf(1)",
      "while true {}",
      "var x = []\nwhile true { x = [x] }\nprint(x)",
      // A digit with a combining mark is one Character that sorts among the digits but is
      // none: the lexer once looped on it forever (found by libFuzzer).
      "0\u{05C4}", "while n > 0\u{05C4} n = n - 1",
    ]
    for program in programs { await checkTerminates(program) }
  }

  private func checkTerminates(_ program: String) async {
    let session = Session(host: TestHost(), moduleSearchPaths: [])
    session.limitSteps(to: 5_000)
    switch await session.evaluate(program, file: "fuzz.ftg") {
    case .value: break
    case .failure(let diagnostics):
      #expect(!diagnostics.isEmpty)
      for d in diagnostics { _ = session.render(d, color: false) }
    }
    _ = session.isIncomplete(program)
    _ = session.completions(line: program, cursor: program.count)
  }
}

/// A small seeded generator (SplitMix64) so fuzz runs reproduce.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
