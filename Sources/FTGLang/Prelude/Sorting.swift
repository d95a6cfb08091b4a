/// A stable merge sort whose comparisons may call ftg functions.
enum Sorting {
  /// Sorts by natural order, by a key function (one parameter) or by an ordering
  /// function (two parameters, true when the first comes first).
  static func sorted(
    _ items: [Value], by f: Function?, at range: SourceRange, _ interpreter: Interpreter
  ) async throws -> [Value] {
    guard let f else {
      return try await mergeSort(items) { a, b in try Operators.compare(a, b, op: "<", at: range) < 0 }
    }
    if f.parameterNames.count == 2 {
      return try await mergeSort(items) { a, b in
        let result = try await interpreter.call(f, [a, b], at: range)
        guard case .bool(let first) = result else {
          throw Diagnostic(Messages.notBool("from the ordering", got: result.described), at: range)
        }
        return first
      }
    }
    var keyed: [(key: Value, item: Value)] = []
    for item in items { keyed.append((try await interpreter.call(f, [item], at: range), item)) }
    let sorted = try await mergeSort(keyed) { a, b in
      try Operators.compare(a.key, b.key, op: "<", at: range) < 0
    }
    return sorted.map(\.item)
  }

  private static func mergeSort<T>(
    _ items: [T], _ less: (T, T) async throws -> Bool
  ) async throws -> [T] {
    guard items.count > 1 else { return items }
    let middle = items.count / 2
    let left = try await mergeSort(Array(items[..<middle]), less)
    let right = try await mergeSort(Array(items[middle...]), less)
    var merged: [T] = []
    merged.reserveCapacity(items.count)
    var i = 0, j = 0
    while i < left.count, j < right.count {
      if try await less(right[j], left[i]) {
        merged.append(right[j])
        j += 1
      } else {
        merged.append(left[i])
        i += 1
      }
    }
    return merged + left[i...] + right[j...]
  }
}
