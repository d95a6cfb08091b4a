import Foundation

/// What a notebook's last run produced, kept beside it in `NAME.out/` so the notebook can
/// be replayed, checked and exported without running anything live.
///
/// The record is stable under re-runs: keys are sorted, nothing time-dependent is stored,
/// and each file is replaced atomically.
public struct NotebookRecord: Codable, Sendable, Equatable {
  /// What one code cell, or one prose cell with interpolated values, produced.
  public struct CellRecord: Codable, Sendable, Equatable {
    public var name: String
    /// The cell's key: a hash of its source and of the keys of the cells it reads from.
    public var key: String
    /// What the cell printed.
    public var output: String
    /// The value of its last expression, as the shell would echo it (empty when none).
    public var value: String
    /// Paths of its figures inside the record folder (`figures/NAME-1.svg`).
    public var figures: [String]
    /// For a prose cell, the rendered text of each interpolated value, in order (its
    /// `output` is the prose with them in place).
    public var values: [String]?
  }

  public static let formatVersion = 1
  public var version = NotebookRecord.formatVersion
  public var notebook: String
  public var cells: [CellRecord]

  public init(notebook: String, cells: [CellRecord] = []) {
    self.notebook = notebook
    self.cells = cells
  }

  public func cell(named name: String) -> CellRecord? { cells.first { $0.name == name } }

  /// `quickstart.ftg` -> `quickstart.out`.
  public static func folder(for notebookPath: String) -> String {
    let base = notebookPath.hasSuffix(".ftg") ? String(notebookPath.dropLast(4)) : notebookPath
    return base + ".out"
  }

  /// Reads the record of a notebook; nil when there is none yet.
  ///
  /// A record that exists but cannot be decoded is an error naming the file and what is wrong
  /// with it.
  public static func load(for notebookPath: String) throws -> NotebookRecord? {
    try RecordFile.read(
      NotebookRecord.self, at: folder(for: notebookPath) + "/cells.json", version: \.version,
      expected: formatVersion)
  }

  /// Writes `cells.json` and the given figures (path inside the folder -> SVG text).
  public func save(for notebookPath: String, figures: [String: String]) throws {
    let folder = URL(fileURLWithPath: Self.folder(for: notebookPath))
    let manager = FileManager.default
    try manager.createDirectory(at: folder.appendingPathComponent("figures"), withIntermediateDirectories: true)
    for (relative, svg) in figures.sorted(by: { $0.key < $1.key }) {
      try Data(svg.utf8).write(to: folder.appendingPathComponent(relative), options: .atomic)
    }
    let kept = Set(cells.flatMap(\.figures))
    let existing = (try? manager.contentsOfDirectory(atPath: folder.appendingPathComponent("figures").path)) ?? []
    for name in existing where !kept.contains("figures/\(name)") {
      try? manager.removeItem(at: folder.appendingPathComponent("figures/\(name)"))
    }
    try RecordFile.write(self, to: folder.appendingPathComponent("cells.json").path)
  }

}

/// A notebook record that cannot be read.
public struct RecordError: Error, CustomStringConvertible {
  public var path: String
  public var reason: String
  public var description: String { "cannot read notebook record '\(path)': \(reason)" }
}
