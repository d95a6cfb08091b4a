import Foundation

/// The system-wide monotonic clock (`CLOCK_MONOTONIC`), comparable across processes on the
/// same machine: a benchmark's parent, its child and the server agree on it.
enum MonotonicClock {
  /// Nanoseconds since an arbitrary fixed point (boot on Linux).
  static func nanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }
}
