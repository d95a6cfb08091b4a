import Foundation

/// This process's CPU time and peak memory so far (`getrusage(RUSAGE_SELF)`).
struct ResourceUsage {
  /// User plus system CPU seconds.
  var cpuSeconds: Double
  /// Peak resident set size, in megabytes.
  var peakMegabytes: Double

  static func current() -> ResourceUsage {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return ResourceUsage(
      cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
      peakMegabytes: Double(usage.ru_maxrss) / 1024)
  }
}
