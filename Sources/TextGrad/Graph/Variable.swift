import Foundation

/// A node of the TextGrad graph: a text, what it is for, and the textual gradients it received.
///
/// Leaves are made by callers (a prompt to optimize, a question); operations such as `LLMCall`
/// or `Sum` make computed variables that remember their predecessors and how to send feedback
/// back to them. `backward(engine:)` walks the graph once, consumers before producers.
///
/// Concurrency: a variable is a final class whose mutable state (value, history, gradients)
/// sits behind one lock, so it is `Sendable`. Many tasks may read a shared variable at once —
/// examples of a batch run their forward calls concurrently against the same system prompt —
/// while one task at a time runs `backward` or an optimizer `step` on a graph. The lock makes
/// each read and write atomic; it is never held across an `await`.
public final class Variable: @unchecked Sendable {
  /// Sends feedback from a computed variable to its predecessors; made by the operation.
  typealias BackwardStep =
    @Sendable (Variable, any LanguageModel, GradientSink) async throws
    -> Void

  /// What the text is for ("system prompt to the model", "answer to the question").
  public let roleDescription: String
  /// Whether feedback should reach this variable (and flow through it).
  public let requiresGrad: Bool
  /// The variables this one was computed from, in the order the operation used them.
  public let predecessors: [Variable]
  let backwardStep: BackwardStep?

  private let lock = NSLock()
  private var currentValue: String
  private var pastValues: [String] = []
  private var receivedGradients: [Gradient] = []

  /// A leaf variable: a text given by the caller.
  public init(_ value: String, role: String, requiresGrad: Bool = true) {
    self.currentValue = value
    self.roleDescription = role
    self.requiresGrad = requiresGrad
    self.predecessors = []
    self.backwardStep = nil
  }

  /// A computed variable; it requires gradients when any predecessor does.
  init(
    computed value: String, role: String, predecessors: [Variable],
    backward: @escaping BackwardStep
  ) {
    self.currentValue = value
    self.roleDescription = role
    self.requiresGrad = predecessors.contains { $0.requiresGrad }
    self.predecessors = predecessors
    self.backwardStep = backward
  }

  /// The current text.
  public var value: String { lock.withLock { currentValue } }

  /// Earlier texts, oldest first; `update(to:)` appends the value it replaces.
  public var history: [String] { lock.withLock { pastValues } }

  /// The feedback received since the last `zeroGrad()`, in the order it was produced.
  public var gradients: [Gradient] { lock.withLock { receivedGradients } }

  /// All feedback texts joined by blank lines; empty when there is none.
  public var gradientText: String {
    gradients.map(\.text).joined(separator: "\n\n")
  }

  /// Replaces the text, keeping the old one in `history`.
  public func update(to newValue: String) {
    lock.withLock {
      pastValues.append(currentValue)
      currentValue = newValue
    }
  }

  /// Appends one piece of feedback after those already received.
  public func addGradient(_ gradient: Gradient) {
    lock.withLock { receivedGradients.append(gradient) }
  }

  /// Forgets all feedback received.
  public func zeroGrad() {
    lock.withLock { receivedGradients.removeAll() }
  }

  /// Sends feedback through the whole graph below this variable, usually a loss.
  ///
  /// Each computed variable runs its operation's backward step once, after every variable
  /// computed from it has run its own, so it sees all the feedback it will get; steps that do
  /// not depend on each other (the examples of a batch) run concurrently. Across a batch
  /// (several losses joined by `Sum`) a shared prompt receives its gradients in sample order,
  /// whatever order the calls finish in (see `BackwardPass`).
  public func backward(engine: any LanguageModel) async throws {
    guard requiresGrad else { throw GraphError.backwardWithoutGradient(role: roleDescription) }
    try await BackwardPass(root: self).run(engine: engine)
  }

  /// The leaf variables below this one that require gradients: what an optimizer updates.
  public var parameters: [Variable] {
    topologicalOrder().filter { $0.requiresGrad && $0.backwardStep == nil }
  }

  /// Every variable below this one, each once, consumers before the variables they use.
  ///
  /// A depth-first post-order lists each variable after its predecessors; reversed, it lists
  /// consumers first. Visiting predecessors last to first makes the reversed order visit
  /// earlier predecessors (earlier samples of a batch) before later ones.
  func topologicalOrder() -> [Variable] {
    var order: [Variable] = []
    var seen: Set<ObjectIdentifier> = []
    func visit(_ node: Variable) {
      guard seen.insert(ObjectIdentifier(node)).inserted else { return }
      for predecessor in node.predecessors.reversed() { visit(predecessor) }
      order.append(node)
    }
    visit(self)
    return order.reversed()
  }
}

extension Variable: CustomStringConvertible {
  /// The role and value, for logs and the REPL.
  public var description: String { "Variable(\(roleDescription): \(value))" }
}
