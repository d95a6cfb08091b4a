import CZlib
import Foundation

/// Measures of how long, varied and compressible a prompt is, as FedTextGrad reports them.
public struct PromptComplexity: Sendable, Hashable, Codable {
  /// Whitespace-separated words.
  public var wordCount: Int
  /// The engine's prompt-token count for this text, when one was supplied.
  public var engineTokenCount: Int?
  /// Shannon entropy of the character distribution, in bits per character (0 for "").
  public var characterEntropy: Double
  /// Deflate-compressed size (zlib, level 9) over UTF-8 size; 0 for "". Lower means more
  /// repetitive text.
  public var compressionRatio: Double
  /// Mean surprisal in bits (-log2 p) of the supplied per-token log-probabilities.
  public var surprisalMean: Double?
  /// Population variance of the surprisals in bits squared: high means uneven density.
  public var surprisalVariance: Double?

  /// Measures `text`; `logProbabilities` are natural-log token probabilities, if known.
  public init(of text: String, engineTokenCount: Int? = nil, logProbabilities: [Double]? = nil) {
    wordCount = text.split(whereSeparator: \.isWhitespace).count
    self.engineTokenCount = engineTokenCount
    characterEntropy = Self.entropy(of: text)
    compressionRatio = Self.compressionRatio(of: text)
    if let logProbabilities, !logProbabilities.isEmpty {
      let surprisals = logProbabilities.map { -$0 / log(2) }
      let mean = surprisals.reduce(0, +) / Double(surprisals.count)
      surprisalMean = mean
      surprisalVariance =
        surprisals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(surprisals.count)
    }
  }

  /// Shannon entropy, in bits, of the characters (grapheme clusters) of `text`.
  static func entropy(of text: String) -> Double {
    guard !text.isEmpty else { return 0 }
    var counts: [Character: Int] = [:]
    for character in text { counts[character, default: 0] += 1 }
    let total = Double(text.count)
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
    let status = compress2(&output, &capacity, raw, uLong(raw.count), 9)
    guard status == Z_OK else { return 1 }
    return Double(capacity) / Double(raw.count)
  }
}
