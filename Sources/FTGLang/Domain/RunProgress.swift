import Fed
import Foundation

/// The status line a run shows while it goes (on a terminal only; never in a pipe or a record):
/// where it is, what the last step did, calls in flight, tokens, time so far and, once a round
/// has finished, about how long the rest will take.
///
/// `round 2/3 · client 1 step 3/4: 0.5 -> 0.75 kept · 4 in flight · 12,345 tokens · 0:42 ·
/// about 1:10 left`
final class RunProgress: @unchecked Sendable {
  private let rounds: Int
  private let steps: Int
  private let started = ContinuousClock.now
  private let lock = NSLock()
  private var roundStarted: ContinuousClock.Instant?
  private var roundSeconds: [Double] = []
  private var tokens = 0

  /// The status of a run of `rounds` rounds of `steps` local steps.
  init(rounds: Int, steps: Int) {
    self.rounds = rounds
    self.steps = steps
  }

  /// The line for `event` (nil when it changes nothing worth showing), with `inFlight` calls
  /// under way.
  func line(for event: RunEvent, inFlight: Int) -> String? {
    let now = ContinuousClock.now
    let what: String? = lock.withLock {
      if let usage = event.usage { tokens = usage.tokens }
      let round = event.round.map { "round \($0 + 1)/\(rounds)" } ?? ""
      switch event.kind {
      case .roundStarted:
        roundStarted = now
        return round
      case .roundFinished:
        if let start = roundStarted { roundSeconds.append(Self.seconds(now - start)) }
        return round + " finished"
      case .clientStep:
        let before = event.accuracyBefore.map(Value.format) ?? "?"
        let after = event.accuracyAfter.map(Value.format) ?? "?"
        let verdict = event.kept == true ? "kept" : "reverted"
        return "\(round) · client \(event.client ?? 0) step \((event.step ?? 0) + 1)/\(steps): "
          + "\(before) -> \(after) \(verdict)"
      case .validation: return "\(round) · validation \(event.accuracy.map(Value.format) ?? "?")"
      case .runStarted:
        guard let next = event.round, next > 0 else { return nil }
        return "resuming \(event.runID) after round \(next) from its checkpoint in runs/\(event.runID)"
      case .test: return "test (\(event.which ?? "")) \(event.task ?? ""): \(event.accuracy.map(Value.format) ?? "?")"
      default: return nil
      }
    }
    guard let what else { return nil }
    return ([what] + status(now: now, inFlight: inFlight)).joined(separator: " · ")
  }

  /// Calls in flight, tokens, elapsed time and, after a round, the time left.
  private func status(now: ContinuousClock.Instant, inFlight: Int) -> [String] {
    lock.withLock {
      var parts = ["\(inFlight) in flight", "\(tokens.formatted(.number.grouping(.automatic))) tokens"]
      parts.append(Self.clock(Self.seconds(now - started)))
      if !roundSeconds.isEmpty {
        let mean = roundSeconds.reduce(0, +) / Double(roundSeconds.count)
        let current = roundStarted.map { Self.seconds(now - $0) } ?? 0
        let unfinished = max(0, rounds - roundSeconds.count)
        let left = unfinished > 0 ? max(1, Double(unfinished) * mean - current) : 0
        if left > 0 { parts.append("about \(Self.clock(left)) left") }
      }
      return parts
    }
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  /// `m:ss`, or `h:mm:ss` from an hour.
  static func clock(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded())
    let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
    return hours > 0
      ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
  }
}
