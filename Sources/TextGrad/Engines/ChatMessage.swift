/// One message of a chat conversation: who speaks, and what they say.
public struct ChatMessage: Codable, Hashable, Sendable {
  /// The speaker of a chat message, as OpenAI-compatible servers name them.
  public enum Role: String, Codable, Hashable, Sendable {
    case system
    case user
    case assistant
  }

  /// Who speaks.
  public var role: Role
  /// What they say.
  public var content: String

  /// A message from `role` with the given text.
  public init(role: Role, content: String) {
    self.role = role
    self.content = content
  }

  /// A system message (instructions for the model).
  public static func system(_ content: String) -> ChatMessage {
    ChatMessage(role: .system, content: content)
  }

  /// A user message.
  public static func user(_ content: String) -> ChatMessage {
    ChatMessage(role: .user, content: content)
  }

  /// An assistant message (an earlier answer of the model).
  public static func assistant(_ content: String) -> ChatMessage {
    ChatMessage(role: .assistant, content: content)
  }
}
