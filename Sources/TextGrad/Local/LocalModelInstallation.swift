import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An installation by `scripts/install-local-model.sh` that may still be running when the
/// local engine is first needed (`scripts/setup.sh` starts one in the background).
///
/// The script holds an exclusive `flock` on `LocalModelFiles.installLockFile` while it runs;
/// this only tries a shared lock, and lets it go at once.
struct LocalModelInstallation: Sendable {
  /// Minutes a first installation usually takes on 2 idle cores (README.md, "Set up and run").
  static let usualMinutes = 8

  let files: LocalModelFiles

  /// Whether an installation holds the lock now.
  var isRunning: Bool {
    let descriptor = open(files.installLockFile, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
    flock(descriptor, LOCK_UN)
    return false
  }

  /// Waits while the files are missing and an installation runs; returns whether it waited.
  ///
  /// Each `poll`, `progress` is told how long it has waited. Cancellation ends the wait.
  func waitIfRunning(poll: Duration, progress: @Sendable (String) -> Void) async throws -> Bool {
    guard !files.areInstalled, isRunning else { return false }
    let start = ContinuousClock.now
    repeat {
      progress(progressLine(waited: ContinuousClock.now - start))
      try await Task.sleep(for: poll)
    } while isRunning
    return true
  }

  /// What the user sees while waiting, in a terminal's width: what is installed, how long it
  /// usually takes and how long it has waited so far (minutes:seconds).
  func progressLine(waited: Duration) -> String {
    let seconds = Int(waited.components.seconds)
    let clock = "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    return "local: installing llama-server and a 480 MB model (usually ~\(Self.usualMinutes) min): \(clock) so far"
  }
}
