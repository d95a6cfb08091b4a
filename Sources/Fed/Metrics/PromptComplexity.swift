import CZlib
import Foundation

/// Measures of how long, varied and compressible a prompt is, as FedTextGrad reports them.
public struct PromptComplexity: Sendable, Hashable, Codable {
  /// Whitespace-separated words.
  public var wordCount: Int
  /// The engine's prompt-token count for this text, when one was supplied.
  public var engineTokenCount: Int?
  /// Shannon entropy of the distribution of Unicode scalars (Python's characters), in bits
  /// per character (0 for "").
  public var characterEntropy: Double
  /// zlib-compressed size (default level, as Python's `zlib.compress`) over UTF-8 size; 0 for "".
  ///
  /// Lower means more repetitive text.
  public var compressionRatio: Double
  /// Mean surprisal (-ln p, in nats) of the supplied per-token log-probabilities.
  public var surprisalMean: Double?
  /// Sample variance (n - 1) of the surprisals, in nats squared: high means uneven density.
  ///
  /// `nil` with fewer than two tokens.
  public var surprisalVariance: Double?
  /// The largest surprisal, in nats: the densest token.
  public var surprisalMax: Double?

  /// e to the mean surprisal: the number of equally likely tokens the model was choosing
  /// among, on average (GPT-2's perplexity in FedTextGrad's analysis).
  public var perplexity: Double? { surprisalMean.map { exp($0) } }

  /// Measures `text`; `logProbabilities` are natural-log token probabilities, if known.
  public init(of text: String, engineTokenCount: Int? = nil, logProbabilities: [Double]? = nil) {
    wordCount = text.split(whereSeparator: \.isWhitespace).count
    self.engineTokenCount = engineTokenCount
    characterEntropy = Self.entropy(of: text)
    compressionRatio = Self.compressionRatio(of: text)
    if let logProbabilities, !logProbabilities.isEmpty {
      let surprisals = logProbabilities.map { -$0 }
      let mean = surprisals.reduce(0, +) / Double(surprisals.count)
      surprisalMean = mean
      surprisalMax = surprisals.max()
      if surprisals.count > 1 {
        surprisalVariance =
          surprisals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(surprisals.count - 1)
      }
    }
  }

  /// Shannon entropy, in bits, of the Unicode scalars of `text`.
  static func entropy(of text: String) -> Double {
    guard !text.isEmpty else { return 0 }
    var counts: [Unicode.Scalar: Int] = [:]
    for scalar in text.unicodeScalars { counts[scalar, default: 0] += 1 }
    let total = Double(text.unicodeScalars.count)
    // Summed in a fixed order: dictionary order varies, and so would the last bits.
    return counts.values.sorted().reduce(0) { sum, count in
      let p = Double(count) / total
      return sum - p * log2(p)
    }
  }

  /// zlib-compressed size over raw size of the UTF-8 bytes of `text`.
  static func compressionRatio(of text: String) -> Double {
    let raw = Array(text.utf8)
    guard !raw.isEmpty else { return 0 }
    var capacity = compressBound(uLong(raw.count))
    var output = [UInt8](repeating: 0, count: Int(capacity))
    let status = compress2(&output, &capacity, raw, uLong(raw.count), Z_DEFAULT_COMPRESSION)
    guard status == Z_OK else { return 1 }
    return Double(capacity) / Double(raw.count)
  }
}
