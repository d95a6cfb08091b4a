import Foundation

/// Completion of a file path typed after `:load`: entries of the folder named so far whose
/// names start with the last part, folders with a trailing `/`.
enum PathCompletion {
  /// Full replacement paths for `partial`, sorted; hidden entries only when the last part
  /// starts with a dot.
  static func candidates(for partial: String, fileManager: FileManager = .default) -> [String] {
    let slash = partial.lastIndex(of: "/")
    let folderPart = slash.map { String(partial[...$0]) } ?? ""
    let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
    let folder = folderPart.isEmpty ? "." : (folderPart as NSString).expandingTildeInPath
    guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else { return [] }
    let showsHidden = namePrefix.hasPrefix(".")
    return names.filter { $0.hasPrefix(namePrefix) && (showsHidden || !$0.hasPrefix(".")) }
      .sorted()
      .map { name in
        var isFolder: ObjCBool = false
        let path = (folder as NSString).appendingPathComponent(name)
        let isFolderEntry =
          fileManager.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        return folderPart + name + (isFolderEntry ? "/" : "")
      }
  }
}
