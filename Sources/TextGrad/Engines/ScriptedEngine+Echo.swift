extension ScriptedEngine {
  /// A fake engine that answers with the last user message of each request (empty if none).
  ///
  /// Tests of prompt-building code use it to see the exact prompt that reached the model.
  public static func echo(model: String = "echo") -> ScriptedEngine {
    ScriptedEngine(model: model) { request in
      request.messages.last { $0.role == .user }?.content ?? ""
    }
  }
}
