import TextGrad

/// A text in the computation graph (a prompt, a response, a loss) as the language sees it.
final class VariableObject: DomainObject {
  let variable: Variable

  init(_ variable: Variable) {
    self.variable = variable
  }

  var typeName: String { "Variable" }
  var fieldNames: [String] { ["value", "role", "grads", "history", "trainable"] }

  /// The role and the value, shortened to one line; `show(p)` prints all of it.
  var rendered: String {
    let flat = variable.value.replacingOccurrences(of: "\n", with: " ")
    let shown = flat.count > 120 ? String(flat.prefix(117)) + "..." : flat
    return "<\(variable.roleDescription): \(Value.quote(shown))>"
  }

  func field(_ name: String) -> Value? {
    switch name {
    case "value": return .string(variable.value)
    case "role": return .string(variable.roleDescription)
    case "grads": return .list(variable.gradients.map { .object(GradientObject($0)) })
    case "history": return .list(variable.history.map(Value.string))
    case "trainable": return .bool(variable.requiresGrad)
    default: return nil
    }
  }
}

/// A textual gradient: the feedback and the conversation it was written about.
final class GradientObject: DomainObject {
  let gradient: Gradient

  init(_ gradient: Gradient) {
    self.gradient = gradient
  }

  var typeName: String { "Gradient" }
  var fieldNames: [String] { ["text", "conversation", "request", "about"] }
  var rendered: String { gradient.text }

  func field(_ name: String) -> Value? {
    switch name {
    case "text": return .string(gradient.text)
    case "conversation": return gradient.context.map { .string($0.conversation) } ?? .null
    case "request": return gradient.context.map { .string($0.request) } ?? .null
    case "about": return gradient.context.map { .string($0.responseRole) } ?? .null
    default: return nil
    }
  }
}
