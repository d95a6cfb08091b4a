import Crypto
import Foundation

/// The content address of a chat request: SHA-256 of its canonical JSON, in lower-case hex.
///
/// The canonical JSON holds the model name, the messages and every sampling option (seed
/// included) with sorted keys, and nothing else: never a key, a URL or a timestamp.
public struct RequestKey: Hashable, Sendable, CustomStringConvertible {
  /// Bumped when the canonical form changes, so old entries are no longer found.
  static let formatVersion = 1

  /// The hex digest.
  public let hex: String
  /// The canonical JSON the digest was taken of (kept with cache entries for inspection).
  public let canonicalJSON: String

  /// The key of `request`.
  public init(_ request: ChatRequest) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data: Data
    do {
      data = try encoder.encode(CanonicalRequest(request))
    } catch {
      // Strings, numbers and arrays of them always encode; this stays unreachable.
      data = Data("\(request)".utf8)
    }
    canonicalJSON = String(decoding: data, as: UTF8.self)
    hex = SHA256.hash(data: data).lowercaseHex
  }

  /// The hex digest.
  public var description: String { hex }
}

/// The fields of a request that decide its answer, in a fixed shape.
private struct CanonicalRequest: Encodable {
  let version = RequestKey.formatVersion
  let model: String
  let messages: [ChatMessage]
  let temperature: Double?
  let maxTokens: Int?
  let topP: Double?
  let seed: Int?
  let stop: [String]?
  let grammar: String?

  init(_ request: ChatRequest) {
    model = request.model
    messages = request.messages
    temperature = request.temperature
    maxTokens = request.maxTokens
    topP = request.topP
    seed = request.seed
    stop = request.stop
    grammar = request.grammar
  }

  enum CodingKeys: String, CodingKey {
    case version, model, messages, temperature, seed, stop, grammar
    case maxTokens = "max_tokens"
    case topP = "top_p"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(version, forKey: .version)
    try container.encode(model, forKey: .model)
    try container.encode(messages, forKey: .messages)
    try container.encode(temperature, forKey: .temperature)
    try container.encode(maxTokens, forKey: .maxTokens)
    try container.encode(topP, forKey: .topP)
    try container.encode(seed, forKey: .seed)
    try container.encode(stop, forKey: .stop)
    try container.encode(grammar, forKey: .grammar)
  }
}
