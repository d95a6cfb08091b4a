import FTGLang
import Foundation
import Testing

/// Golden tests: every `Scripts/<feature>/<case>.ftg` runs, and what it prints and the
/// errors it raises must match its annotations:
///   `print(1 + 2)  # expect: 3`
///   `let = 1        # expect error: expected a name after 'let', got '='`
///   `xs[9]          # expect runtime error: index 9 is out of range for a list of 3 elements`
/// A message ending in `...` need only match its beginning.
@Suite struct ScriptTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

  static var scripts: [String] {
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    var found: [String] = []
    while let path = enumerator?.nextObject() as? String {
      if path.hasSuffix(".ftg") { found.append(path) }
    }
    return found.sorted()
  }

  @Test(arguments: scripts)
  func script(_ name: String) async throws {
    let path = Self.folder.appendingPathComponent(name).path
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let expected = Expectations(source)
    let host = TestHost()
    let session = Session(host: host, moduleSearchPaths: [stdlibPath])
    session.limitSteps(to: 1_000_000)
    let outcome = await session.evaluate(source, file: path)
    let printed = host.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    #expect(printed == expected.output, "output of \(name)")
    var errors: [Expectations.Error] = []
    if case .failure(let diagnostics) = outcome {
      let runtime = !expected.errors.contains { !$0.runtime } && !expected.errors.isEmpty
      errors = diagnostics.map { .init(line: $0.range.start.line, message: $0.message, runtime: runtime) }
    }
    #expect(errors.map(\.line) == expected.errors.map(\.line), "error lines of \(name)")
    let messages = zip(errors, expected.errors).map { actual, wanted in
      wanted.message.hasSuffix("...") && actual.message.hasPrefix(wanted.message.dropLast(3))
        ? wanted.message : actual.message
    }
    #expect(messages == expected.errors.map(\.message), "error messages of \(name)")
  }
}

/// The `# expect...` annotations of a golden script.
struct Expectations {
  struct Error: Equatable {
    var line: Int
    var message: String
    var runtime: Bool
  }

  var output: [String] = []
  var errors: [Error] = []

  init(_ source: String) {
    for (i, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let text = Self.annotation("# expect: ", in: line) {
        output.append(text)
      } else if let text = Self.annotation("# expect error: ", in: line) {
        errors.append(Error(line: i + 1, message: text, runtime: false))
      } else if let text = Self.annotation("# expect runtime error: ", in: line) {
        errors.append(Error(line: i + 1, message: text, runtime: true))
      }
    }
  }

  private static func annotation(_ marker: String, in line: Substring) -> String? {
    guard let range = line.range(of: marker) else { return nil }
    return String(line[range.upperBound...])
  }
}
