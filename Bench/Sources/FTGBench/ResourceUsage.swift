import Foundation

/// CPU time and peak memory so far, of this process or of its finished children.
struct ResourceUsage {
  /// User plus system CPU seconds.
  var cpuSeconds: Double
  /// Peak resident set size, in megabytes.
  var peakMegabytes: Double

  /// This process's (`getrusage(RUSAGE_SELF)`).
  static func current() -> ResourceUsage { usage(of: RUSAGE_SELF) }

  /// The children this process has waited for: CPU summed, memory of the largest
  /// (`getrusage(RUSAGE_CHILDREN)`).
  static func children() -> ResourceUsage { usage(of: RUSAGE_CHILDREN) }

  private static func usage(of who: __rusage_who) -> ResourceUsage {
    var usage = rusage()
    getrusage(__rusage_who_t(who.rawValue), &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return ResourceUsage(
      cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
      peakMegabytes: Double(usage.ru_maxrss) / 1024)
  }
}
