/// Filling `{name}` placeholders in a template: the one way every prompt text is made.
public enum Template {
  /// Replaces `{name}` by `values[name]` in one pass; braces around any other text stay as
  /// they are, and inserted values are never scanned again.
  public static func fill(_ template: String, _ values: [String: String]) -> String {
    var output = ""
    var rest = template[...]
    while let open = rest.firstIndex(of: "{") {
      output += rest[..<open]
      let afterOpen = rest.index(after: open)
      if let close = rest[afterOpen...].firstIndex(of: "}"),
        let value = values[String(rest[afterOpen..<close])]
      {
        output += value
        rest = rest[rest.index(after: close)...]
      } else {
        output += "{"
        rest = rest[afterOpen...]
      }
    }
    return output + rest
  }

  /// Whether `template` contains the placeholder `{name}`.
  public static func contains(_ template: String, placeholder name: String) -> Bool {
    template.contains("{\(name)}")
  }
}
