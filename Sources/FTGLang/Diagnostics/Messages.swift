import FTGSupport

/// Every message the language shows people, in one voice: lower case, no final period, saying what was expected.
///
/// Alphabetical.
enum Messages {
  static func alreadyDefined(_ name: String) -> String {
    "'\(name)' is already defined in this scope"
  }
  static func argumentType(_ name: String, expected: String, got: String) -> String {
    "expected \(expected) for '\(name)', got \(got)"
  }
  static func cannotAssign(_ name: String) -> String {
    "cannot assign to '\(name)': it is a constant; declare it with 'var' to change it"
  }
  static func cannotWrite(_ path: String, _ reason: String) -> String { "cannot write '\(path)': \(reason)" }
  static func cannotCall(_ type: String) -> String { "cannot call a value of type \(type)" }
  static func cannotIndex(_ type: String) -> String { "cannot index a value of type \(type)" }
  static let callDepthExceeded =
    "too many nested calls (more than \(Limits.callDepth)); is a recursion missing its base case?"
  static func duplicateArgument(_ name: String) -> String { "argument '\(name)' given twice" }
  static func duplicateKey(_ key: String) -> String { "key '\(key)' appears twice in this record" }
  static func expected(_ what: String, got: Token.Kind) -> String {
    "expected \(what), got \(got)"
  }
  static let expressionTooDeep =
    "expression nested too deeply (more than \(Limits.nesting) levels)"
  static func indexOutOfRange(_ index: Int, count: Int) -> String {
    "index \(index) is out of range for a list of \(count) elements"
  }
  static func integerExpected(_ got: String) -> String { "expected an integer, got \(got)" }
  static let interrupted = "interrupted"
  static func invalidOperands(_ op: String, _ left: String, _ right: String) -> String {
    "cannot apply '\(op)' to \(left) and \(right)"
  }
  static func invalidOperand(_ op: String, _ type: String) -> String {
    "cannot apply '\(op)' to \(type)"
  }
  static let invalidAssignmentTarget = "expected a name, member or index to assign to"
  static func keyNotFound(_ key: String) -> String { "record has no key '\(key)'" }
  static let malformedNumber = "malformed number"
  static func missingArgument(_ name: String, function: String) -> String {
    "missing argument '\(name)' in call to '\(function)'"
  }
  static func moduleCycle(_ path: String) -> String { "module '\(path)' uses itself" }
  static func moduleNotFound(_ name: String, searched: [String]) -> String {
    "cannot find module '\(name)' (looked in \(searched.joined(separator: ", ")))"
  }
  static func moduleUnreadable(_ path: String, _ reason: String) -> String {
    "cannot read module '\(path)': \(reason)"
  }
  static let multilineStringStart = "expected a newline after '\"\"\"'"
  static func noMember(_ name: String, type: String) -> String {
    "\(type) has no member '\(name)'"
  }
  static func notBool(_ context: String, got: String) -> String {
    "expected a Bool \(context), got \(got)"
  }
  static func notIterable(_ type: String) -> String {
    "cannot iterate over a value of type \(type); expected a list, range, record or string"
  }
  static func notRows(_ type: String) -> String {
    "cannot make rows of a \(type); expected a list of records, a run or a table"
  }
  static let outsideFunction = "'return' outside a function"
  static let outsideLoop = "'break' and 'continue' belong inside a loop"
  static let positionalAfterLabelled = "positional arguments must come before labelled ones"
  static let stepLimitExceeded = "evaluation step limit exceeded"
  static func tooBig(_ what: String) -> String {
    "\(what) would be larger than \(Limits.collectionSize) elements"
  }
  static func tooManyArguments(_ function: String, max: Int) -> String {
    "too many arguments in call to '\(function)' (it takes \(max))"
  }
  static func unexpectedCharacter(_ c: Character) -> String { "unexpected character '\(c)'" }
  static let divisionByZero = "division by zero"
  static func unknownEscape(_ c: Character) -> String {
    "unknown escape '\\\(c)'; expected \\n, \\t, \\\", \\\\ or \\("
  }
  static func unknownLabel(_ label: String, function: String) -> String {
    "'\(function)' has no parameter '\(label)'"
  }
  static func unknownName(_ name: String) -> String { "unknown name '\(name)'" }
  static let unterminatedInterpolation = "unterminated interpolation; expected ')'"
  static let unterminatedMultilineString = "unterminated multi-line string; expected '\"\"\"'"
  static let unterminatedString = "unterminated string; expected '\"'"

  /// Adds "; did you mean 'x'?" when a close candidate exists.
  static func withSuggestion(_ message: String, for name: String, among candidates: [String]) -> String {
    guard let best = NameSuggestion.closest(to: name, among: candidates) else { return message }
    return "\(message); did you mean '\(best)'?"
  }
}

/// Bounds that keep any input, however hostile, from crashing or exhausting the process.
public enum Limits {
  /// Deepest nesting of brackets and operators the parser accepts.
  public static let nesting = 200
  /// Deepest chain of active function calls.
  public static let callDepth = 1_000
  /// Largest list or string a single operation may build.
  public static let collectionSize = 10_000_000
}
