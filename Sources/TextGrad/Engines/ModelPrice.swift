/// What a model's tokens cost, in US dollars per million prompt and completion tokens.
///
/// `listPrice(for:)` knows OpenAI's list prices for its common models as published in 2025;
/// prices change, and other servers have their own, so `engine(..., price: [p, c])` sets an
/// engine's price and every figure made from it says it is an estimate from that price.
public struct ModelPrice: Sendable, Hashable, CustomStringConvertible {
  /// Dollars per million prompt tokens.
  public var promptPerMillion: Double
  /// Dollars per million completion tokens.
  public var completionPerMillion: Double

  /// A price of `prompt` and `completion` dollars per million tokens.
  public init(prompt: Double, completion: Double) {
    promptPerMillion = prompt
    completionPerMillion = completion
  }

  /// The dollars `prompt` and `completion` tokens cost.
  public func cost(prompt: Int, completion: Int) -> Double {
    (Double(prompt) * promptPerMillion + Double(completion) * completionPerMillion) / 1_000_000
  }

  /// `$2.50 / $10.00 per million tokens`.
  public var description: String {
    "$\(Self.dollars(promptPerMillion)) / $\(Self.dollars(completionPerMillion)) per million tokens"
  }

  private static func dollars(_ amount: Double) -> String {
    let cents = (amount * 100).rounded()
    return "\(Int(cents) / 100).\(String(format: "%02d", Int(cents) % 100))"
  }

  /// OpenAI's 2025 list price of `model` (the longest known name it starts with), if known.
  public static func listPrice(for model: String) -> ModelPrice? {
    openAI.filter { model.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }?.price
  }

  /// OpenAI's list prices for its common chat models, 2025 (dollars per million tokens).
  static let openAI: [(prefix: String, price: ModelPrice)] = [
    ("gpt-4o", ModelPrice(prompt: 2.50, completion: 10.00)),
    ("gpt-4o-mini", ModelPrice(prompt: 0.15, completion: 0.60)),
    ("gpt-4.1", ModelPrice(prompt: 2.00, completion: 8.00)),
    ("gpt-4.1-mini", ModelPrice(prompt: 0.40, completion: 1.60)),
    ("gpt-4.1-nano", ModelPrice(prompt: 0.10, completion: 0.40)),
    ("gpt-4-turbo", ModelPrice(prompt: 10.00, completion: 30.00)),
    ("gpt-3.5-turbo", ModelPrice(prompt: 0.50, completion: 1.50)),
    ("o1", ModelPrice(prompt: 15.00, completion: 60.00)),
    ("o1-mini", ModelPrice(prompt: 1.10, completion: 4.40)),
    ("o3", ModelPrice(prompt: 2.00, completion: 8.00)),
    ("o3-mini", ModelPrice(prompt: 1.10, completion: 4.40)),
    ("o4-mini", ModelPrice(prompt: 1.10, completion: 4.40)),
  ]

  /// The price of the engine the current task's calls go to, for a dry run's estimate.
  @TaskLocal public static var current: ModelPrice?
}
