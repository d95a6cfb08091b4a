/// One scope of bindings, linked to the scope it is nested in.
///
/// Environments are mutated only by the one evaluation that owns the session at a time,
/// which is why the class can promise `Sendable`.
final class Environment: @unchecked Sendable {
  /// A name's value and whether `=` may change it.
  struct Binding {
    var value: Value
    var mutable: Bool
  }

  let parent: Environment?
  private var bindings: [String: Binding] = [:]
  /// Names in the order they were first bound, for listings.
  private(set) var order: [String] = []

  init(parent: Environment?) {
    self.parent = parent
  }

  func lookup(_ name: String) -> Binding? {
    var scope: Environment? = self
    while let current = scope {
      if let binding = current.bindings[name] { return binding }
      scope = current.parent
    }
    return nil
  }

  func isDefinedHere(_ name: String) -> Bool { bindings[name] != nil }

  func define(_ name: String, _ value: Value, mutable: Bool) {
    if bindings.updateValue(Binding(value: value, mutable: mutable), forKey: name) == nil {
      order.append(name)
    }
  }

  /// The scope that binds `name`, searching outwards.
  func owner(of name: String) -> Environment? {
    var scope: Environment? = self
    while let current = scope {
      if current.bindings[name] != nil { return current }
      scope = current.parent
    }
    return nil
  }

  func set(_ name: String, _ value: Value) {
    bindings[name]?.value = value
  }

  /// Every name visible from this scope, innermost first.
  var visibleNames: [String] {
    var names: [String] = []
    var seen = Set<String>()
    var scope: Environment? = self
    while let current = scope {
      for name in current.order where seen.insert(name).inserted { names.append(name) }
      scope = current.parent
    }
    return names
  }

  func removeAll() {
    bindings = [:]
    order = []
  }
}
