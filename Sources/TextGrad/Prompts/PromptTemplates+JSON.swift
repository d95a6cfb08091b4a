import Foundation

extension PromptTemplates {
  /// These templates with the texts of a JSON file.
  ///
  /// The file is an object of groups, each an object of template names to texts
  /// (`{"optimizer": {"system": "..."}}`), as `json` writes it. Templates the file leaves out
  /// keep their text; `"short_variables": true` at the top level turns on TextGrad's shortened
  /// view of variables.
  ///
  /// Throws `TemplateError` naming `path` for a file that is not such an object, an unknown
  /// template, or a text that drops a placeholder.
  public func replacing(json data: Data, path: String) throws -> PromptTemplates {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw TemplateError.malformedFile(path, detail: "not JSON (\(error.localizedDescription))")
    }
    guard let groups = object as? [String: Any] else {
      throw TemplateError.malformedFile(path, detail: "expected an object of template groups")
    }
    var replacements: [String: String] = [:]
    var result = self
    for (group, members) in groups {
      if group == "short_variables" {
        guard let flag = members as? Bool else {
          throw TemplateError.malformedFile(path, detail: "short_variables must be true or false")
        }
        result.shortVariables = flag
        continue
      }
      guard let texts = members as? [String: Any] else {
        throw TemplateError.malformedFile(path, detail: "'\(group)' must be an object of texts")
      }
      for (name, text) in texts {
        guard let text = text as? String else {
          throw TemplateError.malformedFile(path, detail: "'\(group).\(name)' must be a string")
        }
        replacements["\(group).\(name)"] = text
      }
    }
    return try result.replacing(replacements)
  }

  /// Every template as a JSON object of groups, keys sorted: a file to edit and load back.
  public var json: Data {
    var groups: [String: [String: String]] = [:]
    for key in TemplateKey.all { groups[key.group, default: [:]][key.name] = self[key] }
    var object: [String: Any] = groups
    if shortVariables { object["short_variables"] = true }
    let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data()
  }

  /// `ftg` for ftg's own templates; otherwise a short digest of what differs, so a run's
  /// checkpoint is never continued under other wording.
  public var fingerprint: String {
    let changed = self.changed
    guard !changed.isEmpty || shortVariables else { return "ftg" }
    let text =
      changed.map { "\($0)=\(self[$0])" }.joined(separator: "\u{1F}")
      + "|short=\(shortVariables)"
    return String(Data(text.utf8).sha256Hex.prefix(12))
  }
}
