/// A Mersenne Twister (MT19937) generator that reproduces CPython's `random.Random` stream.
///
/// Seeding, `getrandbits`, `_randbelow`, `shuffle`, `choice`, `sample` and `random()` follow
/// CPython 3.x exactly, so a seed used by a Python experiment (for example FedTextGrad's
/// `random.Random(0).shuffle` of the GSM8K rows) gives the same result here.
public struct PythonRandom: Sendable {
  private static let stateSize = 624
  private static let shiftSize = 397
  private static let matrixA: UInt32 = 0x9908_b0df
  private static let upperMask: UInt32 = 0x8000_0000
  private static let lowerMask: UInt32 = 0x7fff_ffff

  private var state: [UInt32]
  private var index: Int

  /// Creates a generator seeded as CPython's `random.Random(seed)` seeds for an integer.
  ///
  /// CPython seeds with the absolute value of the integer, split into 32-bit words, least
  /// significant first (zero gives the single word 0).
  public init(seed: Int) {
    state = Array(repeating: 0, count: Self.stateSize)
    index = Self.stateSize
    let magnitude = seed.magnitude
    var key: [UInt32] = [UInt32(truncatingIfNeeded: magnitude)]
    let high = UInt32(truncatingIfNeeded: magnitude >> 32)
    if high != 0 { key.append(high) }
    seedByArray(key)
  }

  /// Returns the next 32 random bits (CPython's `genrand_uint32`).
  public mutating func nextUInt32() -> UInt32 {
    if index >= Self.stateSize { regenerate() }
    var y = state[index]
    index += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9d2c_5680
    y ^= (y << 15) & 0xefc6_0000
    y ^= y >> 18
    return y
  }

  /// Returns a non-negative integer with `bitCount` random bits, as `getrandbits(k)`.
  ///
  /// Supports 0 through 64 bits; words are consumed least significant first, and the last
  /// word is cut to the bits still needed, as CPython does.
  public mutating func getrandbits(_ bitCount: Int) -> UInt64 {
    precondition((0...64).contains(bitCount), "getrandbits supports 0...64 bits")
    if bitCount == 0 { return 0 }
    if bitCount <= 32 { return UInt64(nextUInt32() >> (32 - bitCount)) }
    let low = UInt64(nextUInt32())
    let high = UInt64(nextUInt32() >> (64 - bitCount))
    return low | (high << 32)
  }

  /// Returns a random integer in `0..<bound`, as CPython's `_randbelow_with_getrandbits`.
  ///
  /// A bound of 0 returns 0 (CPython's `_randbelow` is only called with a positive bound).
  public mutating func randbelow(_ bound: Int) -> Int {
    precondition(bound >= 0, "randbelow needs a non-negative bound")
    if bound == 0 { return 0 }
    let bitCount = Int.bitWidth - bound.leadingZeroBitCount
    var candidate = getrandbits(bitCount)
    while candidate >= UInt64(bound) { candidate = getrandbits(bitCount) }
    return Int(candidate)
  }

  /// Returns a float in `[0, 1)` with 53 random bits, as `random.random()`.
  public mutating func random() -> Double {
    let high = Double(nextUInt32() >> 5)
    let low = Double(nextUInt32() >> 6)
    return (high * 67_108_864.0 + low) * (1.0 / 9_007_199_254_740_992.0)
  }

  /// Shuffles `elements` in place exactly as `random.shuffle` does (Fisher-Yates from the end).
  public mutating func shuffle<Element>(_ elements: inout [Element]) {
    guard elements.count > 1 else { return }
    for position in stride(from: elements.count - 1, to: 0, by: -1) {
      let other = randbelow(position + 1)
      elements.swapAt(position, other)
    }
  }

  /// Returns one element chosen as `random.choice` does, or `nil` for an empty array.
  public mutating func choice<Element>(_ elements: [Element]) -> Element? {
    guard !elements.isEmpty else { return nil }
    return elements[randbelow(elements.count)]
  }

  // MARK: - Mersenne Twister core

  private mutating func seedByInteger(_ seed: UInt32) {
    state[0] = seed
    for position in 1..<Self.stateSize {
      let previous = state[position - 1]
      state[position] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(position)
    }
    index = Self.stateSize
  }

  private mutating func seedByArray(_ key: [UInt32]) {
    seedByInteger(19_650_218)
    var i = 1
    var j = 0
    for _ in 0..<max(Self.stateSize, key.count) {
      let previous = state[i - 1]
      state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
      i += 1
      j += 1
      if i >= Self.stateSize {
        state[0] = state[Self.stateSize - 1]
        i = 1
      }
      if j >= key.count { j = 0 }
    }
    for _ in 0..<(Self.stateSize - 1) {
      let previous = state[i - 1]
      state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
      i += 1
      if i >= Self.stateSize {
        state[0] = state[Self.stateSize - 1]
        i = 1
      }
    }
    state[0] = 0x8000_0000
  }

  private mutating func regenerate() {
    for position in 0..<Self.stateSize {
      let next = (position + 1) % Self.stateSize
      let mixed = (state[position] & Self.upperMask) | (state[next] & Self.lowerMask)
      var value = state[(position + Self.shiftSize) % Self.stateSize] ^ (mixed >> 1)
      if mixed & 1 != 0 { value ^= Self.matrixA }
      state[position] = value
    }
    index = 0
  }
}
