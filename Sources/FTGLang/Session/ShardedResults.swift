import Foundation

/// Results a sweep saves under a name, and the merge of a split sweep's shares into the
/// table the whole sweep would have made.
///
/// A share writes `DIR/NAME.shard-3-of-16.json`, an unsplit sweep `DIR/NAME.json`; merging
/// every share of a name writes `DIR/NAME.json` with the rows in the whole sweep's order.
public enum ShardedResults {
  /// A results file's contents.
  struct File: Codable, Equatable {
    /// The name the results were saved under.
    var name: String
    /// Which share wrote them (1 and 1 for an unsplit sweep).
    var shard: Int
    var of: Int
    var rows: [StoredValue]
  }

  /// Why results cannot be saved or merged.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The file name for `name`'s results as `shard` (nil: unsplit) writes them.
  static func fileName(_ name: String, shard: SweepShard?) -> String {
    guard let shard else { return name + ".json" }
    return "\(name).shard-\(shard.index)-of-\(shard.count).json"
  }

  /// Writes `rows` under `name` in `folder` through `host`; returns the path.
  static func save(_ rows: [Value], name: String, shard: SweepShard?, folder: String, host: any SessionHost) throws
    -> String
  {
    guard !name.isEmpty, !name.contains("/"), !name.contains(".shard-") else {
      throw Failure(description: "a results name is a plain file name without '/' or '.shard-', got '\(name)'")
    }
    let stored = try rows.map { try StoredValue($0) }
    let file = File(name: name, shard: shard?.index ?? 1, of: shard?.count ?? 1, rows: stored)
    let path = (folder as NSString).appendingPathComponent(fileName(name, shard: shard))
    try host.writeFile(atPath: path, contents: try encoded(file))
    return path
  }

  /// Merges every share of `name` in `folder` into the rows of the whole sweep, in its order,
  /// and writes them as `folder/NAME.json`; fails naming the shares that are missing or disagree.
  static func merge(name: String, folder: String, host: any SessionHost) throws -> [Value] {
    let prefix = name + ".shard-"
    let shares = try host.directoryEntries(atPath: folder).filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
      .map { entry -> File in
        let path = (folder as NSString).appendingPathComponent(entry)
        do {
          return try JSONDecoder().decode(File.self, from: Data(try host.readFile(atPath: path).utf8))
        } catch {
          throw Failure(description: "cannot read the results in \(path): \(error)")
        }
      }
    guard let count = shares.first?.of else {
      throw Failure(description: "no shares of '\(name)' in \(folder) (files named \(name).shard-I-of-K.json)")
    }
    guard shares.allSatisfy({ $0.of == count }) else {
      throw Failure(description: "the shares of '\(name)' in \(folder) were split in different ways")
    }
    let present = Set(shares.map(\.shard))
    let missing = (1...count).filter { !present.contains($0) }
    guard missing.isEmpty else {
      throw Failure(
        description:
          "'\(name)' lacks share(s) \(missing.map(String.init).joined(separator: ", ")) of \(count) in \(folder)")
    }
    var rows: [Int: StoredValue] = [:]
    for file in shares {
      guard let shard = SweepShard(index: file.shard, count: count) else { continue }
      for (k, row) in file.rows.enumerated() { rows[shard.position(ofShareItem: k)] = row }
    }
    let ordered = rows.keys.sorted().compactMap { rows[$0] }
    let merged = File(name: name, shard: 1, of: 1, rows: ordered)
    try host.writeFile(
      atPath: (folder as NSString).appendingPathComponent(fileName(name, shard: nil)), contents: try encoded(merged))
    return ordered.map(\.value)
  }

  /// Merges `name`'s shares as `merge` does and returns the rows as a table's text.
  public static func mergedTable(name: String, folder: String, host: any SessionHost) throws -> String {
    let rows = try merge(name: name, folder: folder, host: host)
    let records = rows.compactMap { row -> Record? in
      if case .record(let record) = row { return record }
      return nil
    }
    return records.count == rows.count ? Table(records: records).rendered : Value.list(rows).rendered
  }

  /// The names with shares in `folder`.
  public static func splitNames(in folder: String, host: any SessionHost) -> [String] {
    let names = host.directoryEntries(atPath: folder).compactMap { entry -> String? in
      guard entry.hasSuffix(".json"), let marker = entry.range(of: ".shard-") else { return nil }
      return String(entry[..<marker.lowerBound])
    }
    return Array(Set(names)).sorted()
  }

  /// Reads `folder/NAME.json` (an unsplit sweep's or a merge's rows).
  static func load(name: String, folder: String, host: any SessionHost) throws -> [Value] {
    let path = (folder as NSString).appendingPathComponent(fileName(name, shard: nil))
    do {
      return try JSONDecoder().decode(File.self, from: Data(try host.readFile(atPath: path).utf8)).rows.map(\.value)
    } catch {
      throw Failure(description: "cannot read the results in \(path): \(error)")
    }
  }

  private static func encoded(_ file: File) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(file), as: UTF8.self) + "\n"
  }
}
