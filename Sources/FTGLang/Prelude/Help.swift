/// The text `help(x)` and the shell's `:help name` show: a summary, the signature and an
/// example for functions; the type and its members for other values.
enum Help {
  static func text(for value: Value) -> String {
    switch value {
    case .function(let f):
      switch f.body {
      case .native(let native):
        return "\(native.signature)\n  \(native.summary)\n  example: \(native.example)"
      case .user(let decl, _):
        let params = decl.parameters.map { p in
          p.defaultValue == nil ? p.name : "\(p.name): …"
        }
        let place = "\(decl.range.file):\(decl.range.start.line)"
        let title = decl.name.map { "fn \($0)" } ?? "closure"
        return "\(title)(\(params.joined(separator: ", ")))\n  defined at \(place)"
      }
    case .object(is TemplatesObject):
      return TemplatesObject.help
    default:
      let members = Members.names(of: value)
      var lines = ["\(value.typeName): \(value.described)"]
      if !members.isEmpty { lines.append("  members: " + members.joined(separator: ", ")) }
      return lines.joined(separator: "\n")
    }
  }

  /// Help for a keyword, or nil when `name` is not one.
  static func text(forKeyword name: String) -> String? {
    guard let keyword = Keyword(rawValue: name) else { return nil }
    return keywordHelp[keyword]
  }

  private static let keywordHelp: [Keyword: String] = [
    .let: "let name = expr\n  binds a name that cannot be reassigned\n  example: let t = 3",
    .var: "var name = expr\n  binds a name that '=' can change\n  example: var best = 0",
    .fn:
      "fn name(a, b, steps: 3) { ... }   or   fn name(x) = expr\n  defines a function; labelled parameters have defaults\n  example: fn twice(x) = x * 2",
    .if:
      "if cond { ... } else if other { ... } else { ... }\n  an expression: its value is the chosen block's\n  example: let label = if acc > 0.5 { \"good\" } else { \"bad\" }",
    .else: "else { ... }   or   else if cond { ... }\n  the branch of an 'if' taken when its condition is false",
    .for:
      "for x in sequence { ... }\n  loops over a list, a range (0..<n, 1...n), a record's keys or a string's characters\n  example: for i in 1...3 { print(i) }",
    .in:
      "'in' separates a loop variable from its sequence, and closure parameters from the body\n  example: xs.map { x in x + 1 }",
    .while: "while cond { ... }\n  repeats while cond is true\n  example: while n > 0 { n = n - 1 }",
    .return: "return expr\n  leaves the enclosing function with a value",
    .break: "break\n  leaves the innermost loop",
    .continue: "continue\n  goes on with the next iteration of the innermost loop",
    .use:
      "use \"stdlib/sweep\"\n  loads a module from stdlib/ or a path relative to this file; its names become visible",
    .true: "true\n  the Bool value true",
    .false: "false\n  the Bool value false",
    .nil: "nil\n  the absence of a value",
  ]
}
