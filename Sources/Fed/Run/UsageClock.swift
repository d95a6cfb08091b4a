import Foundation
import TextGrad

/// Measures the calls and tokens engines spend between laps.
final class UsageClock: @unchecked Sendable {
  private let engines: [any LanguageModel]
  private let lock = NSLock()
  private var last: UsageTally

  /// A clock that starts counting now, over each of `engines` once (a lap then costs the
  /// distinct engines, not the clients, however many clients share them).
  init(engines: [any LanguageModel]) {
    self.engines = UsageTally.distinct(engines)
    last = UsageTally.total(of: self.engines)
  }

  /// The usage since the previous lap (or since the clock started).
  func lap() -> UsageTally {
    let now = UsageTally.total(of: engines)
    return lock.withLock {
      let spent = now - last
      last = now
      return spent
    }
  }

  /// The usage since the previous lap, without starting a new one.
  func peek() -> UsageTally {
    let now = UsageTally.total(of: engines)
    return lock.withLock { now - last }
  }
}
