import Foundation

/// Where `use "..."` looks for modules after the importing file's own folder: the folders in
/// `$FTG_PATH` (colon-separated), then the installed `share/ftg/stdlib` beside the binary,
/// then the `stdlib` folder of the source tree the binary was built in.
enum ModuleSearchPath {
  /// The search folders for this environment and executable, in order, without duplicates.
  static func paths(
    _ environment: [String: String], executable: URL? = Bundle.main.executableURL
  ) -> [String] {
    var paths = (environment["FTG_PATH"] ?? "").split(separator: ":").map(String.init)
    if let folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent() {
      let installed = folder.appendingPathComponent("../share/ftg/stdlib").standardized.path
      if isFolder(installed) { paths.append(installed) }
      if let tree = sourceTreeStdlib(above: folder) { paths.append(tree) }
    }
    var seen = Set<String>()
    return paths.filter { seen.insert($0).inserted }
  }

  /// The first `stdlib` folder in `folder` or one of its ancestors.
  private static func sourceTreeStdlib(above folder: URL) -> String? {
    var current = folder.standardized
    while current.path != "/" {
      let candidate = current.appendingPathComponent("stdlib").path
      if isFolder(candidate) { return candidate }
      current = current.deletingLastPathComponent()
    }
    return nil
  }

  private static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }
}
