/// The full text `show(x)` prints: for a Variable its role, whole value, history and
/// gradients; for anything else what `print` writes.
enum Showing {
  static func text(_ value: Value) -> String {
    guard case .object(let object as VariableObject) = value else { return value.rendered }
    let variable = object.variable
    var lines = ["role: \(variable.roleDescription)", "value:", indent(variable.value)]
    if !variable.history.isEmpty {
      lines.append("history: \(variable.history.count) earlier value(s); p.history[i] reads them")
    }
    for (i, gradient) in variable.gradients.enumerated() {
      lines.append("gradient \(i + 1):")
      lines.append(indent(gradient.text))
    }
    return lines.joined(separator: "\n")
  }

  private static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
  }
}
