/// The evaluated arguments of a call, with their source spans for error messages.
struct Arguments: Sendable {
  var positional: [Value]
  var positionalRanges: [SourceRange]
  var labelled: [(label: String, value: Value, range: SourceRange)]
  /// The whole call, for errors about missing arguments.
  var callRange: SourceRange
  /// The function's name as the caller wrote it.
  var functionName: String

  init(_ positional: [Value], at range: SourceRange, function: String) {
    self.positional = positional
    self.positionalRanges = Array(repeating: range, count: positional.count)
    self.labelled = []
    self.callRange = range
    self.functionName = function
  }

  init(
    positional: [(Value, SourceRange)], labelled: [(label: String, value: Value, range: SourceRange)],
    callRange: SourceRange, function: String
  ) {
    self.positional = positional.map(\.0)
    self.positionalRanges = positional.map(\.1)
    self.labelled = labelled
    self.callRange = callRange
    self.functionName = function
  }

  var count: Int { positional.count }

  func range(at index: Int) -> SourceRange {
    index < positionalRanges.count ? positionalRanges[index] : callRange
  }

  /// Fails unless exactly `count` positional arguments were given (at most `count` when
  /// `orFewer`), and no labels outside `labels`.
  func expect(count expected: ClosedRange<Int>, labels: [String] = []) throws {
    if positional.count < expected.lowerBound {
      throw Diagnostic(
        Messages.missingArgument("#\(positional.count + 1)", function: functionName), at: callRange)
    }
    if positional.count > expected.upperBound {
      throw Diagnostic(
        Messages.tooManyArguments(functionName, max: expected.upperBound),
        at: range(at: expected.upperBound))
    }
    for entry in labelled where !labels.contains(entry.label) {
      throw Diagnostic(
        Messages.withSuggestion(
          Messages.unknownLabel(entry.label, function: functionName), for: entry.label, among: labels),
        at: entry.range)
    }
  }

  func labelled(_ label: String) -> (value: Value, range: SourceRange)? {
    labelled.first { $0.label == label }.map { ($0.value, $0.range) }
  }

  // MARK: - Typed access

  /// The Bool given for `label`, nil when the label is absent.
  func labelledBool(_ label: String) throws -> Bool? {
    try labelled(label).map { given in
      guard case .bool(let b) = given.value else {
        throw Diagnostic(Messages.argumentType(label, expected: "a Bool", got: given.value.described), at: given.range)
      }
      return b
    }
  }

  func number(_ index: Int, _ name: String) throws -> Double {
    guard let n = positional[index].numeric else {
      throw typeError(index, name, expected: "a Number")
    }
    return n
  }

  func integer(_ index: Int, _ name: String) throws -> Int {
    try Arguments.integer(positional[index], name: name, at: range(at: index))
  }

  func string(_ index: Int, _ name: String) throws -> String {
    guard case .string(let s) = positional[index] else {
      throw typeError(index, name, expected: "a String")
    }
    return s
  }

  func function(_ index: Int, _ name: String) throws -> Function {
    guard case .function(let f) = positional[index] else {
      throw typeError(index, name, expected: "a function")
    }
    return f
  }

  func typeError(_ index: Int, _ name: String, expected: String) -> Diagnostic {
    Diagnostic(
      Messages.argumentType(name, expected: expected, got: positional[index].described),
      at: range(at: index))
  }

  /// A whole number from a value, or an error at `range`.
  static func integer(_ value: Value, name: String, at range: SourceRange) throws -> Int {
    guard let n = value.numeric, n == n.rounded(), abs(n) < 9e15 else {
      throw Diagnostic(
        Messages.argumentType(name, expected: "an integer", got: value.described), at: range)
    }
    return Int(n)
  }
}
