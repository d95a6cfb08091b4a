import Foundation

/// Reads and atomically writes a run's `checkpoint.json`.
struct Checkpoint {
  /// The checkpoint file.
  let url: URL

  /// The checkpoint of the run folder `folder`.
  init(folder: URL) {
    url = folder.appendingPathComponent("checkpoint.json")
  }

  /// The saved state, or `nil` when there is no checkpoint yet.
  func load() throws -> RunState? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    do {
      return try JSONDecoder().decode(RunState.self, from: Data(contentsOf: url))
    } catch {
      throw FedError.fileFailure(
        path: url.path, detail: "unreadable checkpoint: \(error.localizedDescription)")
    }
  }

  /// Writes `state` to a temporary file and moves it into place, so a crash leaves either the
  /// old or the new checkpoint, never half of one.
  func save(_ state: RunState) throws {
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(state).write(to: url, options: .atomic)
    } catch {
      throw FedError.fileFailure(path: url.path, detail: error.localizedDescription)
    }
  }

  /// Deletes the checkpoint, when a run starts over.
  func remove() throws {
    guard FileManager.default.fileExists(atPath: url.path) else { return }
    do {
      try FileManager.default.removeItem(at: url)
    } catch {
      throw FedError.fileFailure(path: url.path, detail: error.localizedDescription)
    }
  }
}
