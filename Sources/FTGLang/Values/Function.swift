/// A function value: a user's `fn` or closure with its captured scope, or a native builtin.
public final class Function: Sendable {
  /// What runs when the function is called.
  enum Body: Sendable {
    case user(FunctionDecl, Environment)
    case native(NativeFunction)
  }

  let name: String
  let body: Body

  init(name: String, body: Body) {
    self.name = name
    self.body = body
  }

  /// `<fn add(a, b)>`, `<closure(x)>`, `<builtin print>`.
  var displayName: String {
    switch body {
    case .user(let decl, _):
      let params = decl.parameters.map(\.name).joined(separator: ", ")
      return decl.name.map { "<fn \($0)(\(params))>" } ?? "<closure(\(params))>"
    case .native: return "<builtin \(name)>"
    }
  }

  /// The parameter names, for help and for error messages.
  var parameterNames: [String] {
    switch body {
    case .user(let decl, _): return decl.parameters.map(\.name)
    case .native(let native): return native.labels
    }
  }
}

/// A function implemented in Swift, with the documentation `help` shows.
struct NativeFunction: Sendable {
  /// How it is called: `map(f)`, `print(values...)`.
  var signature: String
  /// One line saying what it does.
  var summary: String
  /// A line of ftg showing it in use.
  var example: String
  /// The labels it accepts; any other label is an error with a suggestion.
  var labels: [String] = []
  /// How many positional arguments it takes, checked with the labels before `call` runs; nil
  /// when `call` checks its arguments itself (their labels depend on its first argument).
  var arity: ClosedRange<Int>? = nil
  var call: @Sendable (Arguments, Interpreter) async throws -> Value
}
