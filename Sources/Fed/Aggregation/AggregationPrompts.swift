/// Texts sent to the server's engine by the LLM aggregators, in this project's own words.
public enum AggregationPrompts {
  /// The tag that opens the merged prompt in the model's reply.
  public static let openTag = "<MERGED_PROMPT>"
  /// The tag that closes the merged prompt in the model's reply.
  public static let closeTag = "</MERGED_PROMPT>"

  /// The system prompt of every merge request.
  public static let system = """
    You combine system prompts. Several clients each tuned a copy of one system prompt on \
    their own data; you receive their versions and write a single system prompt that a \
    language model will follow from now on.
    """

  /// The request to merge `prompts` while keeping all they say.
  public static func summarize(_ prompts: [String]) -> String {
    """
    Combine the numbered system prompts below into one. Every distinct rule, hint, strategy \
    and example that appears in any of them must survive; say things that several prompts \
    repeat only once. Keep the instruction about the format of the final answer.
    \(numbered(prompts))
    Reply with the combined system prompt between \(openTag) and \(closeTag), and nothing else.
    """
  }

  /// The request to merge `prompts` under the Uniform Information Density principle.
  public static func uniformInformationDensity(_ prompts: [String]) -> String {
    """
    Combine the numbered system prompts below into one. Every distinct rule, hint, strategy \
    and example that appears in any of them must survive; say things that several prompts \
    repeat only once. Keep the instruction about the format of the final answer.
    Write the result following the Uniform Information Density principle: spread the \
    information evenly across the text. Every sentence should carry about the same amount of \
    new content; break up passages that pack many instructions together, and cut passages \
    that add little or nothing.
    \(numbered(prompts))
    Reply with the combined system prompt between \(openTag) and \(closeTag), and nothing else.
    """
  }

  private static func numbered(_ prompts: [String]) -> String {
    prompts.enumerated().map { index, prompt in
      "<PROMPT_\(index + 1)>\(prompt)</PROMPT_\(index + 1)>"
    }.joined(separator: "\n")
  }
}
