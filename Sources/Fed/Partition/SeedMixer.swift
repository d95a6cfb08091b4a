/// Derives independent seeds for the parts of a run (round, client, step) from the run's seed.
///
/// Each part gets its own `PythonRandom`, so what one client draws never depends on how far
/// another client has got: results do not depend on completion order.
enum SeedMixer {
  /// A seed for the part named by `components`, mixed from `base` with a SplitMix64 step.
  static func seed(_ base: Int, _ components: Int...) -> Int {
    var state = UInt64(bitPattern: Int64(base))
    for component in components {
      state = mix(state &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(bitPattern: Int64(component) &+ 1))
    }
    return Int(state >> 33)
  }

  private static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
