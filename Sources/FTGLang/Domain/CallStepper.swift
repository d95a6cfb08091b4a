/// What a front end shows and asks at each LLM call while stepping through an entry (the
/// shell's `:step on`, `ftg run --step`), for teaching: one call at a time, its prompt before
/// it is answered and its reply after.
public protocol CallStepper: AnyObject, Sendable {
  /// Shows `call` before it is answered and says how to go on.
  func before(_ call: SteppedCall) async -> StepChoice
  /// Shows the answer `call` got, and how (`12+3 tokens in 0.40 s`, `from the cache`, ...).
  func after(_ call: SteppedCall, answer: String, how: String) async
}

/// One call as stepping shows it.
public struct SteppedCall: Sendable, Hashable {
  /// Its number in the entry, from 1.
  public var number: Int
  /// What it is for (`forward`, `backward`, ...).
  public var role: String
  /// The model asked.
  public var model: String
  /// The system prompt, if any, and the message it asks.
  public var system: String?
  public var message: String
  /// The message as a word diff (`[-old-]`, `{+new+}`) against the previous call of the same
  /// role, nil for the first of its role.
  public var changes: String?
}

/// What the learner chose at a call.
public enum StepChoice: Sendable {
  /// Answer this call and stop at the next.
  case next
  /// Answer this call and run the rest of the entry without stopping.
  case runToEnd
  /// Stop the entry here, keeping every binding made so far.
  case stop
}
