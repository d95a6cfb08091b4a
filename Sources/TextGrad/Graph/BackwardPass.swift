import Foundation

/// Where a backward step puts the feedback it computes for its predecessors.
struct GradientSink: Sendable {
  /// Gives `gradient` to `variable`.
  let add: @Sendable (_ variable: Variable, _ gradient: Gradient) -> Void

  /// Adds straight to the variable, for steps run outside a `BackwardPass`.
  static let direct = GradientSink { variable, gradient in variable.addGradient(gradient) }
}

/// One walk of `Variable.backward`: the backward steps of a graph, independent ones at once.
///
/// A computed variable's step runs as soon as every variable computed from it has run its own
/// (so it has all its feedback); steps with no such dependency between them, like the
/// examples of a batch, run concurrently and their model calls overlap. The feedback a step
/// produces is held back until its target is about to run, then added in the order of the
/// senders in the topological order (consumers first, earlier samples before later ones),
/// so a shared prompt gets its gradients in sample order whichever call finishes first.
final class BackwardPass: @unchecked Sendable {
  private let order: [Variable]
  private let rank: [ObjectIdentifier: Int]
  private let lock = NSLock()
  private var staged: [ObjectIdentifier: [(sender: Int, gradient: Gradient)]] = [:]

  /// A pass over the variables below `root` that require gradients.
  init(root: Variable) {
    order = root.topologicalOrder().filter(\.requiresGrad)
    rank = Dictionary(
      order.enumerated().map { (ObjectIdentifier($1), $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Runs every backward step, each once, consumers before the variables they use.
  func run(engine: any LanguageModel) async throws {
    var waitingFor = [Int](repeating: 0, count: order.count)
    for node in order {
      for index in predecessorRanks(of: node) { waitingFor[index] += 1 }
    }
    try await withThrowingTaskGroup(of: Int.self) { group in
      func start(_ index: Int) {
        let node = order[index]
        deliver(to: node)
        let sink = self.sink(sender: index)
        group.addTask {
          try Task.checkCancellation()
          try await node.backwardStep?(node, engine, sink)
          return index
        }
      }
      for index in order.indices where waitingFor[index] == 0 { start(index) }
      while let finished = try await group.next() {
        for index in predecessorRanks(of: order[finished]) {
          waitingFor[index] -= 1
          if waitingFor[index] == 0 { start(index) }
        }
      }
    }
  }

  private func predecessorRanks(of node: Variable) -> [Int] {
    node.predecessors.compactMap { rank[ObjectIdentifier($0)] }
  }

  private func sink(sender: Int) -> GradientSink {
    GradientSink { [self] variable, gradient in
      lock.withLock { staged[ObjectIdentifier(variable), default: []].append((sender, gradient)) }
    }
  }

  /// Adds the feedback staged for `node`, ordered by sender (stable within one sender).
  private func deliver(to node: Variable) {
    let pending = lock.withLock { staged.removeValue(forKey: ObjectIdentifier(node)) ?? [] }
    for entry in pending.enumerated().sorted(by: {
      ($0.element.sender, $0.offset) < ($1.element.sender, $1.offset)
    }) {
      node.addGradient(entry.element.gradient)
    }
  }
}
