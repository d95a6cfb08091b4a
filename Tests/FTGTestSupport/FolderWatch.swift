import Foundation

/// Waits for another process's files without polling.
///
/// A condition on the files below a folder is checked at once and again each time inotify
/// reports a file written, renamed into place or created there (in subfolders too, including
/// ones made meanwhile). The wait runs on a thread of its own.
public enum FolderWatch {
  /// Whether `condition` held within `seconds` (a limit only a failing test reaches).
  ///
  /// `then` runs on the watching thread the moment the condition holds, before the awaiting
  /// task resumes (which may take a while on a busy machine): for what must happen at once,
  /// such as stopping the process that writes the files.
  public static func wait(
    below folder: URL, seconds: Double, until condition: @escaping @Sendable () throws -> Bool,
    then action: @escaping @Sendable () -> Void = {}
  ) async throws -> Bool {
    try await onOwnThread(named: "ftg-test-folder-watch") {
      let watcher = try Watcher(folder.path)
      let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
      while try !condition() {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return false }
        try watcher.awaitChange(milliseconds: Int32(left / .milliseconds(1)) + 1)
      }
      action()
      return true
    }
  }

  /// An inotify instance watching a folder tree.
  private final class Watcher {
    private static let changes = UInt32(IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_TO)
    private let events: Int32
    /// The folder each watch descriptor watches.
    private var folders: [Int32: String] = [:]

    init(_ folder: String) throws {
      events = inotify_init1(Int32(IN_CLOEXEC))
      guard events >= 0 else { throw FolderWatchError(folder: folder, call: "inotify_init1") }
      try watch(folder)
    }

    deinit { close(events) }

    /// Returns after the next batch of changes, or after `milliseconds` without one.
    func awaitChange(milliseconds: Int32) throws {
      var ready = pollfd(fd: events, events: Int16(POLLIN), revents: 0)
      guard poll(&ready, 1, milliseconds) > 0 else { return }
      var buffer = [UInt8](repeating: 0, count: 64 * 1024)
      let count = buffer.withUnsafeMutableBytes { read(events, $0.baseAddress, $0.count) }
      var created: [String] = []
      var offset = 0
      while offset + MemoryLayout<inotify_event>.size <= count {
        let (descriptor, mask, nameLength) = buffer.withUnsafeBytes { bytes in
          let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
          return (event.wd, event.mask, Int(event.len))
        }
        let nameStart = offset + MemoryLayout<inotify_event>.size
        if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
          let parent = folders[descriptor]
        {
          let name = buffer[nameStart..<nameStart + nameLength].prefix { $0 != 0 }
          created.append(parent + "/" + String(decoding: name, as: UTF8.self))
        }
        offset = nameStart + nameLength
      }
      for folder in created { try watch(folder) }
    }

    /// Watches `folder` and every folder below it.
    private func watch(_ folder: String) throws {
      let descriptor = inotify_add_watch(events, folder, Self.changes)
      guard descriptor >= 0 else {
        if errno == ENOENT { return }  // removed since it was seen: nothing to wait for there
        throw FolderWatchError(folder: folder, call: "inotify_add_watch")
      }
      folders[descriptor] = folder
      for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        var isFolder: ObjCBool = false
        let path = folder + "/" + name
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
          try watch(path)
        }
      }
    }
  }
}

/// An inotify call that failed.
public struct FolderWatchError: Error, CustomStringConvertible {
  /// What failed, on which folder, and why.
  public let description: String

  init(folder: String, call: String) {
    description = "cannot watch \(folder): \(call) failed (\(String(cString: strerror(errno))))"
  }
}
