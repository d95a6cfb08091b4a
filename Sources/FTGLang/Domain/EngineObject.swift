import TextGrad

/// An engine as the language sees it: a name, the model behind it, sampling defaults, and
/// what it has done so far (calls, tokens, cache hits).
final class EngineObject: DomainObject {
  let name: String
  let model: any LanguageModel
  /// Where it is served, for display (never a key).
  let location: String
  /// The temperature its forward calls use.
  let temperature: Double
  /// How its server scores a given text (`surprisal`), nil when it cannot.
  let scoring: TextScoring.Method?

  init(
    name: String, model: any LanguageModel, location: String, temperature: Double,
    scoring: TextScoring.Method? = .forcedDecoding
  ) {
    self.name = name
    self.model = model
    self.location = location
    self.temperature = temperature
    self.scoring = scoring
  }

  /// What its tokens cost, when known (`engine(..., price:)`, or OpenAI's list price).
  var price: ModelPrice? { (model as? GatedEngine)?.price }

  /// Dollars its billed tokens cost so far, when its price is known.
  var usd: Double? {
    let usage = model.usage
    return price?.cost(prompt: usage.promptTokens, completion: usage.completionTokens)
  }

  var typeName: String { "Engine" }
  var fieldNames: [String] { ["name", "model", "temperature", "calls", "tokens", "usage"] }
  var rendered: String { "<engine \(name) at \(location)>" }

  func field(_ name: String) -> Value? {
    let usage = model.usage
    switch name {
    case "name": return .string(self.name)
    case "model": return .string(model.model)
    case "temperature": return .number(temperature)
    case "calls": return .number(Double(usage.calls))
    case "tokens": return .number(Double(usage.promptTokens + usage.completionTokens + usage.cachedTokens))
    case "usage":
      return .record(
        Record([
          ("calls", .number(Double(usage.calls))),
          ("prompt_tokens", .number(Double(usage.promptTokens))),
          ("completion_tokens", .number(Double(usage.completionTokens))),
          ("cache_hits", .number(Double(usage.cacheHits))),
          ("usd", usd.map(Value.number) ?? .null),
          ("shared", .number(Double(usage.sharedHits))),
          ("retries", .number(Double(usage.retries))),
        ]))
    default: return nil
    }
  }
}
