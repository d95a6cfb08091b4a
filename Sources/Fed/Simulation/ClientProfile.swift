import Foundation
import TextGrad

/// A simulated client's conditions, as in cross-device federated learning: extra latency on
/// each call, a chance of dropping out of a round, and a share of calls that fail.
///
/// Every draw is a hash of the seed, the round, the client and (for failures) the request, so
/// a run with profiles is as reproducible as one without.
public struct ClientProfile: Sendable, Hashable {
  /// Seconds added before each of the client's calls.
  public var latency: Double
  /// Chance (0...1) that the client sits a round out.
  public var dropout: Double
  /// Share (0...1) of the client's calls that fail, taking it out of that round.
  public var failure: Double
  /// What the draws are seeded with.
  public var seed: Int

  /// A profile; all zero is a client like any other.
  public init(latency: Double = 0, dropout: Double = 0, failure: Double = 0, seed: Int = 0) {
    self.latency = latency
    self.dropout = dropout
    self.failure = failure
    self.seed = seed
  }

  /// Whether `client` sits out `round` (counted from 0).
  public func dropsOut(round: Int, client: Int) -> Bool {
    dropout > 0 && Self.unit("\(seed)|dropout|\(round)|\(client)") < dropout
  }

  /// Whether `client`'s call with request key `key` fails in `round`.
  func fails(round: Int, client: Int, key: String) -> Bool {
    failure > 0 && Self.unit("\(seed)|failure|\(round)|\(client)|\(key)") < failure
  }

  /// A number in [0, 1) drawn from `text` (FNV-1a, then SplitMix64's finaliser).
  static func unit(_ text: String) -> Double {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    hash ^= hash >> 31
    return Double(hash >> 11) / Double(UInt64(1) << 53)
  }
}

/// A client's engine under a `ClientProfile`: the round's dropout and the call's failure are
/// drawn before the call is sent, then the latency is waited.
public final class ProfiledEngine: LanguageModel, @unchecked Sendable {
  /// The engine that answers.
  public let base: any LanguageModel
  /// The conditions.
  public let profile: ClientProfile
  /// Whose engine it is.
  public let client: Int

  /// `base` under `profile` for `client`.
  public init(base: any LanguageModel, profile: ClientProfile, client: Int) {
    self.base = base
    self.profile = profile
    self.client = client
  }

  /// The same engine and profile for the client numbered `id` (a run numbers its clients
  /// anew).
  public func forClient(_ id: Int) -> ProfiledEngine {
    ProfiledEngine(base: base, profile: profile, client: id)
  }

  public var model: String { base.model }
  public var usage: EngineUsage { base.usage }

  /// Answers through the base engine; the client's own calls (its local steps, not the
  /// server's validations on the same engine) meet the profile first.
  public func complete(_ request: ChatRequest) async throws -> ChatResponse {
    let attribution = CallAttribution.current
    guard attribution.client == client else { return try await base.complete(request) }
    let round = (attribution.round ?? 1) - 1
    if profile.dropsOut(round: round, client: client) {
      throw ClientUnavailable(client: client, reason: "dropped out")
    }
    if profile.fails(round: round, client: client, key: RequestKey(request).hex) {
      throw ClientUnavailable(client: client, reason: "a call failed")
    }
    if profile.latency > 0 { try await Task.sleep(for: .milliseconds(Int(profile.latency * 1000))) }
    return try await base.complete(request)
  }
}

/// A client out of a round: it dropped out, a call of its failed, or it missed the deadline.
public struct ClientUnavailable: Error, Sendable, CustomStringConvertible {
  /// The client.
  public var client: Int
  /// Why.
  public var reason: String

  public var description: String { "client \(client) \(reason)" }
}
