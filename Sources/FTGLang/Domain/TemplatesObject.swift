import Foundation
import TextGrad

/// `templates`: the wording of every request the session's experiments make, one record per
/// group (`templates.optimizer.system`), always the session's current set.
final class TemplatesObject: DomainObject {
  let domain: DomainContext

  init(domain: DomainContext) { self.domain = domain }

  var typeName: String { "Templates" }
  var fieldNames: [String] { TemplateKey.groups + ["changed", "short_variables", "json"] }

  var rendered: String {
    let changed = domain.templates.changed
    let short = domain.templates.shortVariables ? ", short variables" : ""
    if changed.isEmpty { return "<templates: ftg's wording\(short)>" }
    return "<templates: \(changed.count) changed (\(changed.map(\.description).joined(separator: ", ")))\(short)>"
  }

  func field(_ name: String) -> Value? {
    let templates = domain.templates
    switch name {
    case "changed": return .list(templates.changed.map { .string($0.description) })
    case "short_variables": return .bool(templates.shortVariables)
    case "json": return .string(String(decoding: templates.json, as: UTF8.self))
    default:
      let keys = TemplateKey.all.filter { $0.group == name }
      guard !keys.isEmpty else { return nil }
      return .record(Record(keys.map { ($0.name, .string(templates[$0])) }))
    }
  }

  /// What `help(templates)` shows.
  static let help = """
    templates: the wording of every request ftg sends, as editable templates
      groups: \(TemplateKey.groups.joined(separator: ", "))
      read one: templates.optimizer.system   list what differs from ftg's: templates.changed
      replace for the session: with_templates({optimizer: {system: "..."}})   or   with_templates("file.json")
      replace around a block: with_templates("original.json") { federate(cs, rounds: 3) }
      replace for one run: federate(cs, templates: "file.json")   short_variables: true shows long variables as 10+10 words
      save a file to edit: save(templates.json, "templates.json")
      a text must keep its {placeholders}; docs/protocol.md lists where ftg's wording differs from the original's
    """

  /// The templates `value` describes, over `base`: a record of groups of texts (or of
  /// `"group.name"` paths), a path to a JSON file, or `templates` itself.
  static func resolve(
    _ given: (value: Value, range: SourceRange), over base: PromptTemplates, interpreter: Interpreter
  ) throws -> PromptTemplates {
    do {
      switch given.value {
      case .object(let object as TemplatesObject): return object.domain.templates
      case .string(let path):
        let text = try interpreter.host.readFile(atPath: path)
        return try base.replacing(json: Data(text.utf8), path: path)
      case .record(let record):
        var replacements: [String: String] = [:]
        var result = base
        for key in record.keys {
          switch record[key] {
          case .record(let group)?:
            for name in group.keys {
              replacements["\(key).\(name)"] = try text(group[name], "\(key).\(name)", at: given.range)
            }
          case .bool(let flag)? where key == "short_variables": result.shortVariables = flag
          case let value?: replacements[key] = try text(value, key, at: given.range)
          case nil: break
          }
        }
        return try result.replacing(replacements)
      default:
        throw Diagnostic(
          Messages.argumentType(
            "templates", expected: "a record of template groups or a JSON file's path", got: given.value.described),
          at: given.range)
      }
    } catch let error as TemplateError {
      throw Diagnostic("\(error)", at: given.range)
    } catch let diagnostic as Diagnostic {
      throw Diagnostic(diagnostic.message, at: given.range)
    } catch {
      throw Diagnostic("templates: \(error.localizedDescription)", at: given.range)
    }
  }

  private static func text(_ value: Value?, _ path: String, at range: SourceRange) throws -> String {
    guard case .string(let text)? = value else {
      throw Diagnostic("template '\(path)' must be a String, got \(value?.described ?? "nil")", at: range)
    }
    return text
  }
}
