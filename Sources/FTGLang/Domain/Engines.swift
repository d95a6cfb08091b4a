import TextGrad

/// The settings `engine(...)` accepts besides the name.
struct EngineOptions: Hashable {
  var temperature: Double = 0
  var baseURL: String?
  var keyVariable: String?
  var limit: Int = 8
}

/// Making engines from names, as FedTextGrad names them, for the language.
enum Engines {
  static func make(
    name: String, options: EngineOptions, interpreter: Interpreter, at range: SourceRange
  ) throws -> EngineObject {
    let key = "\(name)|\(options.temperature)|\(options.baseURL ?? "")|\(options.keyVariable ?? "")|\(options.limit)"
    return try interpreter.domain.engine(key) {
      do {
        let spec: EngineSpec
        if let base = options.baseURL {
          spec = try EngineSpec(model: name, baseURL: base, keyVariable: options.keyVariable)
        } else {
          spec = try EngineSpec(parsing: name)
        }
        let endpoint = try spec.endpoint(in: interpreter.domain.environment)
        var configuration = OpenAICompatibleEngine.Configuration()
        configuration.maxConcurrentRequests = max(1, options.limit)
        let model = OpenAICompatibleEngine(endpoint: endpoint, configuration: configuration)
        return EngineObject(name: name, model: model, location: endpoint.baseURL, temperature: options.temperature)
      } catch {
        throw Diagnostic("\(error)", at: range)
      }
    }
  }
}
