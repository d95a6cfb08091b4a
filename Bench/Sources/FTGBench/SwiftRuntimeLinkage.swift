import Foundation

/// How this build links Swift's runtime and Foundation, on which ftg's memory and start-up
/// figures depend (a static link maps only the code ftg uses).
enum SwiftRuntimeLinkage {
  /// True when this process maps Swift's runtime from a shared library: a build without
  /// `--static-swift-stdlib`, so the ftg built beside it is dynamic too.
  static var isDynamic: Bool {
    guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return false }
    return maps.contains("/libswiftCore.so")
  }

  /// What the report says first about a dynamic build.
  static let dynamicBuildNote =
    "note: this build links Swift's runtime dynamically; ftg's memory and start-up figures are "
    + "those of swift build -c release --static-swift-stdlib only when built that way"
}
