import FTGSupport

/// Every text ftg sends to a model, as templates a user can read and replace.
///
/// A template is a text with `{name}` placeholders (`TemplateKey` lists each one and the
/// placeholders its text must keep). `PromptTemplates.ftg` holds this project's own wording;
/// `replacing(_:)` swaps in other wording, for example the original TextGrad or FedTextGrad
/// prompts a researcher has the right to use, so runs can be compared. A changed template
/// changes the requests it makes, and so their cache keys: answers never cross templates.
public struct PromptTemplates: Sendable, Hashable {
  private var texts: [TemplateKey: String]
  /// Whether feedback and optimizer requests show a variable of more than twenty words as its
  /// first and last ten words (TextGrad's `get_short_value`) instead of whole.
  public var shortVariables: Bool

  /// Templates with the given texts; keys left out take ftg's wording.
  init(texts: [TemplateKey: String], shortVariables: Bool = false) {
    self.texts = texts
    self.shortVariables = shortVariables
  }

  /// This project's own wording, and whole variables.
  public static let ftg = PromptTemplates(texts: DefaultTemplates.texts)

  /// The text of the template `key`.
  public subscript(key: TemplateKey) -> String {
    texts[key] ?? DefaultTemplates.texts[key] ?? ""
  }

  /// The template `key` with its placeholders filled from `values`.
  public func render(_ key: TemplateKey, _ values: [String: String] = [:]) -> String {
    Template.fill(self[key], values)
  }

  /// How a variable's value is shown in feedback and optimizer requests: whole, or as its
  /// first and last ten words around ` (...) ` when `shortVariables` is set and it is longer
  /// than twenty words (words split at single spaces, as TextGrad splits them).
  public func shown(_ value: String) -> String {
    guard shortVariables else { return value }
    let words = value.split(separator: " ", omittingEmptySubsequences: false)
    guard words.count > 20 else { return value }
    return words.prefix(10).joined(separator: " ") + " (...) " + words.suffix(10).joined(separator: " ")
  }

  /// These templates with the texts of `replacements` (by path, `group.name`).
  ///
  /// Throws `TemplateError` for an unknown path (with the closest known one) or for a text
  /// that drops one of its template's placeholders; nothing is replaced then.
  public func replacing(_ replacements: [String: String]) throws -> PromptTemplates {
    var result = self
    for path in replacements.keys.sorted() {
      guard let key = TemplateKey(path: path) else {
        throw TemplateError.unknownTemplate(
          path, suggestion: NameSuggestion.closest(to: path, among: TemplateKey.all.map(\.description)))
      }
      let text = replacements[path] ?? ""
      let missing = key.placeholders.filter { !Template.contains(text, placeholder: $0) }
      guard missing.isEmpty else { throw TemplateError.missingPlaceholders(path, missing) }
      result.texts[key] = text
    }
    return result
  }

  /// The templates whose text differs from ftg's wording, in `TemplateKey.all` order.
  public var changed: [TemplateKey] {
    TemplateKey.all.filter { self[$0] != DefaultTemplates.texts[$0] }
  }
}

/// Why a template could not be replaced.
public enum TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No template has this path; `suggestion` is the closest one, if any is close.
  case unknownTemplate(String, suggestion: String?)
  /// The text lacks placeholders its template needs.
  case missingPlaceholders(String, [String])
  /// A templates file that is not a JSON object of groups of texts.
  case malformedFile(String, detail: String)

  /// What went wrong, naming the template or file.
  public var description: String {
    switch self {
    case .unknownTemplate(let path, let suggestion):
      return "unknown template '\(path)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .missingPlaceholders(let path, let names):
      let list = names.map { "{\($0)}" }.joined(separator: ", ")
      return "template '\(path)' must contain \(list), which the code fills in"
    case .malformedFile(let path, let detail):
      return "\(path): not a templates file: \(detail)"
    }
  }
}
