/// One piece of textual feedback a variable received during `backward`.
///
/// Gradients are kept in an ordered list, in the order the backward walk produced them
/// (sample order for a batch), never in a set: TextGrad keeps them in a Python `set`, which
/// makes the optimizer prompt change from run to run. That defect is fixed here on purpose.
public struct Gradient: Hashable, Sendable {
  /// The feedback itself.
  public var text: String
  /// Where the feedback came from, or `nil` when it was handed down unchanged (by `Sum`).
  public var context: GradientContext?

  /// Feedback with the conversation it was computed from.
  public init(text: String, context: GradientContext? = nil) {
    self.text = text
    self.context = context
  }
}

/// The conversation a gradient was computed from, shown to the optimizer next to the feedback.
public struct GradientContext: Hashable, Sendable {
  /// The forward step as the feedback engine saw it: system prompt, input and output.
  public var conversation: String
  /// The whole feedback request sent to the backward engine.
  public var request: String
  /// The role of the output the variable helped produce.
  public var responseRole: String
  /// The role of the variable that received the feedback.
  public var variableRole: String

  /// A context from its parts.
  public init(conversation: String, request: String, responseRole: String, variableRole: String) {
    self.conversation = conversation
    self.request = request
    self.responseRole = responseRole
    self.variableRole = variableRole
  }
}
