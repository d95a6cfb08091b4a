/// A domain value that behaves as a list of values (a task's split): it can be indexed,
/// sliced, iterated and mapped like a list.
public protocol ListLike: DomainObject {
  /// The values, in order.
  var elements: [Value] { get }
}
