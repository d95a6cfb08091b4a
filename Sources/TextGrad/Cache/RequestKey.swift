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
    // JSON has no NaN or infinity; such a request (refused by every server) keys by its
    // description instead.
    let bytes =
      request.samplingOptionsAreFinite ? Self.canonicalBytes(request) : Array("\(request)".utf8)
    canonicalJSON = String(decoding: bytes, as: UTF8.self)
    hex = SHA256.hash(bytes).lowercaseHex
  }

  /// The canonical JSON of `request`.
  ///
  /// It holds `version`, the model, messages and every sampling option (absent ones as `null`),
  /// keys sorted, as `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` wrote it
  /// when this format was fixed. The frequency penalty, the penalty window, `logprobs` and
  /// `prompt_logprobs`, added later, appear only when set, so requests without them keep their
  /// keys.
  private static func canonicalBytes(_ request: ChatRequest) -> [UInt8] {
    var json = JSONText(roomFor: request.messages)
    json.raw("{")
    if let penalty = request.frequencyPenalty {
      json.key("frequency_penalty")
      json.number(penalty)
    }
    json.key("grammar")
    json.string(request.grammar)
    if let logProbabilities = request.logProbabilities {
      json.key("logprobs")
      json.raw(logProbabilities ? "true" : "false")
    }
    json.key("max_tokens")
    json.number(request.maxTokens)
    json.key("messages")
    json.messages(request.messages)
    json.key("model")
    json.string(request.model)
    if let promptLogProbabilities = request.promptLogProbabilities {
      json.key("prompt_logprobs")
      json.raw(promptLogProbabilities ? "true" : "false")
    }
    if let window = request.penaltyWindow {
      json.key("repeat_last_n")
      json.number(window)
    }
    json.key("seed")
    json.number(request.seed)
    json.key("stop")
    json.strings(request.stop)
    json.key("temperature")
    json.number(request.temperature)
    json.key("top_p")
    json.number(request.topP)
    json.key("version")
    json.number(formatVersion)
    json.raw("}")
    return json.bytes
  }

  /// The hex digest.
  public var description: String { hex }
}
