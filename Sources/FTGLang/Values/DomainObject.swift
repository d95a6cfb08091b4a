/// A value from the libraries underneath (an engine, a task, a prompt variable, a run, a
/// figure) as the language sees it: a type name, a readable form, and fields to read.
public protocol DomainObject: AnyObject, Sendable {
  /// The type's name as `type(x)` and messages say it: `Engine`, `Variable`, `Figure`.
  var typeName: String { get }
  /// One line (or a short block) that `print` writes.
  var rendered: String { get }
  /// The names `x.name` answers, in the order `help(x)` lists them.
  var fieldNames: [String] { get }
  /// The value of field `name`, or nil when there is no such field.
  func field(_ name: String) -> Value?
}
