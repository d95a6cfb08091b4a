import Foundation

/// Methods of strings.
enum StringMethods {
  typealias Method = Members.Method

  static let table: [String: Method] = [
    "split": Method(
      signature: "split(separator?)", summary: "the pieces between separators (default: runs of whitespace)",
      example: "\"a b  c\".split()   # [\"a\", \"b\", \"c\"]"
    ) { receiver, args, _ in
      let s = try text(receiver, args, count: 0...1)
      guard args.count == 1 else {
        return .list(s.split(whereSeparator: \.isWhitespace).map { .string(String($0)) })
      }
      let separator = try args.string(0, "separator")
      guard !separator.isEmpty else {
        throw Diagnostic(
          Messages.argumentType("separator", expected: "a non-empty String", got: "\"\""), at: args.range(at: 0))
      }
      return .list(s.components(separatedBy: separator).map { .string($0) })
    },
    "lines": Method(
      signature: "lines()", summary: "the lines of the text", example: "\"a\\nb\".lines()   # [\"a\", \"b\"]"
    ) { receiver, args, _ in
      let s = try text(receiver, args, count: 0...0)
      return .list(s.split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) })
    },
    "contains": Method(
      signature: "contains(s)", summary: "true when s occurs in the text",
      example: "\"federated\".contains(\"fed\")   # true"
    ) { receiver, args, _ in
      .bool(try text(receiver, args, count: 1...1).contains(try args.string(0, "s")))
    },
    "startsWith": Method(
      signature: "startsWith(s)", summary: "true when the text begins with s",
      example: "\"Answer: 3\".startsWith(\"Answer\")"
    ) { receiver, args, _ in
      .bool(try text(receiver, args, count: 1...1).hasPrefix(try args.string(0, "s")))
    },
    "endsWith": Method(
      signature: "endsWith(s)", summary: "true when the text ends with s", example: "\"run.ftg\".endsWith(\".ftg\")"
    ) { receiver, args, _ in
      .bool(try text(receiver, args, count: 1...1).hasSuffix(try args.string(0, "s")))
    },
    "replace": Method(
      signature: "replace(old, new)", summary: "the text with every old replaced by new",
      example: "\"a-b-c\".replace(\"-\", \" \")   # \"a b c\""
    ) { receiver, args, _ in
      let s = try text(receiver, args, count: 2...2)
      let old = try args.string(0, "old")
      guard !old.isEmpty else { return .string(s) }
      return .string(s.replacingOccurrences(of: old, with: try args.string(1, "new")))
    },
    "upper": Method(signature: "upper()", summary: "the text in upper case", example: "\"uid\".upper()   # \"UID\"") {
      receiver, args, _ in .string(try text(receiver, args, count: 0...0).uppercased())
    },
    "lower": Method(signature: "lower()", summary: "the text in lower case", example: "\"UID\".lower()   # \"uid\"") {
      receiver, args, _ in .string(try text(receiver, args, count: 0...0).lowercased())
    },
    "trim": Method(
      signature: "trim()", summary: "the text without leading and trailing whitespace",
      example: "\"  a \".trim()   # \"a\""
    ) { receiver, args, _ in
      .string(try text(receiver, args, count: 0...0).trimmingCharacters(in: .whitespacesAndNewlines))
    },
    "indexOf": Method(
      signature: "indexOf(s)", summary: "the character position where s first occurs, or nil",
      example: "\"abc\".indexOf(\"c\")   # 2"
    ) { receiver, args, _ in
      let s = try text(receiver, args, count: 1...1)
      guard let found = s.range(of: try args.string(0, "s")) else { return .null }
      return .number(Double(s.distance(from: s.startIndex, to: found.lowerBound)))
    },
  ]

  private static func text(_ receiver: Value, _ args: Arguments, count: ClosedRange<Int>) throws -> String {
    try args.expect(count: count)
    guard case .string(let s) = receiver else { return receiver.rendered }
    return s
  }
}
