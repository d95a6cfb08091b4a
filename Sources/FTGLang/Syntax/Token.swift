/// One lexical token with the span of source it came from.
struct Token: Sendable {
  /// What kind of token this is; literals carry their decoded content.
  enum Kind: Sendable, Equatable {
    case number(Double)
    case string([StringPart])
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    case newline
    case end
  }

  var kind: Kind
  var range: SourceRange

  var isEnd: Bool { kind == .end }
}

/// A piece of a string literal: literal text, or the tokens of an interpolated `\( ... )`.
enum StringPart: Sendable, Equatable {
  case text(String)
  case code([Token], SourceRange)

  static func == (a: StringPart, b: StringPart) -> Bool {
    switch (a, b) {
    case (.text(let x), .text(let y)): return x == y
    case (.code(_, let x), .code(_, let y)): return x == y
    default: return false
    }
  }
}

/// Reserved words of the language.
enum Keyword: String, Sendable, CaseIterable {
  case `let`, `var`, `fn`, `if`, `else`, `for`, `in`, `while`, `return`, `use`
  case `true`, `false`, `nil`, `break`, `continue`
}

/// Operators and punctuation, spelled as in source.
enum Symbol: String, Sendable, CaseIterable {
  case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
  case leftBrace = "{", rightBrace = "}", comma = ",", colon = ":", dot = "."
  case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
  case bang = "!", assign = "=", equal = "==", notEqual = "!=", less = "<", lessEqual = "<="
  case greater = ">", greaterEqual = ">=", and = "&&", or = "||", pipe = "|>"
  case halfOpenRange = "..<", closedRange = "..."

  /// Symbols after which a newline does not end the statement.
  var continuesLine: Bool {
    switch self {
    case .leftParen, .leftBracket, .leftBrace, .rightParen, .rightBracket, .rightBrace,
      .bang, .dot:
      return false
    default:
      return true
    }
  }
}

extension Token.Kind: CustomStringConvertible {
  /// How a token is named in messages: `')'`, `identifier 'x'`, `end of input`.
  var description: String {
    switch self {
    case .number(let n): return "number \(Value.number(n).rendered)"
    case .string: return "string"
    case .identifier(let name): return "identifier '\(name)'"
    case .keyword(let k): return "'\(k.rawValue)'"
    case .symbol(let s): return "'\(s.rawValue)'"
    case .newline: return "end of line"
    case .end: return "end of input"
    }
  }
}
