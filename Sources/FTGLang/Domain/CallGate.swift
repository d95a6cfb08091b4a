import Foundation
import TextGrad

/// Every LLM call the session's engines make passes here.
///
/// Outside notebooks it only counts; while a notebook cell runs it answers from the cell's
/// record when it can, refuses live calls when the run is offline, and logs each call for the
/// record's `llm.jsonl`.
final class CallGate: @unchecked Sendable {
  /// One call as a notebook record keeps it.
  struct Call: Codable, Sendable, Equatable {
    var key: String
    var request: ChatRequest
    var response: ChatResponse
  }

  /// Why a live call was refused.
  struct OfflineCall: Error, CustomStringConvertible {
    var cell: String
    var request: ChatRequest
    /// What to do instead, for the option that forbade the call.
    var remedy: String
    var description: String {
      let text = request.messages.last?.content.replacingOccurrences(of: "\n", with: " ") ?? ""
      let shown = text.count > 80 ? String(text.prefix(77)) + "..." : text
      return "offline run: cell '\(cell)' needs a live call to model '\(request.model)' that is not in the record "
        + "(asking \(Value.quote(shown))); \(remedy)"
    }
  }

  /// What an offline call error tells the user to do, unless the run says otherwise.
  static let offlineRemedy = "run without --offline to make it"

  private let lock = NSLock()
  private var recorded: [String: ChatResponse] = [:]
  private var offline = false
  private var offlineRemedy = ""
  private var cell: String?
  private var log: [String: Call] = [:]
  private var calls = 0
  private var replayed = 0
  private var running = 0
  /// One line for each call of the entry being evaluated, for `:explain` (the first
  /// `explainedCalls` of them).
  private var entryCalls: [String] = []
  private var entryCallCount = 0
  static let explainedCalls = 2_000
  /// Shows calls one at a time while set (`:step on`); `stepsThisEntry` is false once the
  /// learner chose to run the rest of the entry.
  private var stepper: (any CallStepper)?
  private var stepsThisEntry = true
  private var stepNumber = 0
  private var lastPromptByRole: [String: String] = [:]
  private let stepTurn = AsyncSemaphore(limit: 1)

  /// Starts a notebook cell: answers come from `record` first; with `offline`, only from it
  /// (`remedy` says how to make the calls it lacks).
  func beginCell(
    _ name: String, record: [Call], offline: Bool, remedy: String = CallGate.offlineRemedy
  ) {
    lock.withLock {
      cell = name
      self.offline = offline
      offlineRemedy = remedy
      recorded = Dictionary(record.map { ($0.key, $0.response) }, uniquingKeysWith: { first, _ in first })
      log = [:]
    }
  }

  /// Ends the cell; returns its calls, sorted by key.
  func endCell() -> [Call] {
    lock.withLock {
      cell = nil
      recorded = [:]
      offline = false
      defer { log = [:] }
      return log.values.sorted { $0.key < $1.key }
    }
  }

  /// True while a notebook cell runs (its record, not run checkpoints, keeps its results).
  var inNotebookCell: Bool { lock.withLock { cell != nil } }

  /// The engine answering every call while `estimate { ... }` runs (a task-local, so the runs
  /// and steps the block starts see it): no model, cache, record or ledger is reached.
  @TaskLocal static var estimating: DryRunEngine?

  /// Whether runs started now checkpoint: not in a notebook cell (its record keeps the results)
  /// and not in an estimate (whose answers are not real).
  var runsWriteCheckpoints: Bool { !inNotebookCell && CallGate.estimating == nil }

  /// Starts a new entry: `explanation` describes only its calls from now on, and stepping (when
  /// on) stops at each of its calls, numbered from 1.
  func beginEntry() {
    lock.withLock {
      entryCalls = []
      entryCallCount = 0
      stepsThisEntry = true
      stepNumber = 0
    }
  }

  /// Whether the running cell's record, or the response cache of `base`, holds an answer to
  /// `request` (for an estimate; nothing is read but the key).
  func holdsAnswer(to request: ChatRequest, in base: any LanguageModel) async -> Bool {
    let key = RequestKey(request)
    if lock.withLock({ cell != nil && recorded[key.hex] != nil }) { return true }
    guard let cache = base as? CachingEngine, cache.mode == .readWrite, request.isDeterministic else { return false }
    return (try? await cache.store.response(for: key)) != nil
  }

  /// Turns stepping on (with the front end that shows the calls) or off.
  func step(with stepper: (any CallStepper)?) {
    lock.withLock {
      self.stepper = stepper
      lastPromptByRole = [:]
    }
  }

  /// The stepper to show the next call to, when stepping is on for this entry.
  private var activeStepper: (any CallStepper)? { lock.withLock { stepsThisEntry ? stepper : nil } }

  /// The calls of the last entry, one numbered line each (what `:explain` prints).
  var explanation: String {
    lock.withLock {
      guard entryCallCount > 0 else { return "the last entry made no LLM call" }
      let lines = entryCalls.enumerated().map { "\($0.offset + 1). \($0.element)" }
      let more = entryCallCount - entryCalls.count
      return (lines + (more > 0 ? ["... and \(more) more"] : [])).joined(separator: "\n")
    }
  }

  /// Notes one call of the current entry.
  ///
  /// Only the first calls of an entry are kept, so the others are only counted: a run makes
  /// thousands, each asking with a long prompt.
  private func explain(_ request: ChatRequest, _ outcome: String) {
    let kept = lock.withLock { () -> Bool in
      entryCallCount += 1
      return entryCalls.count < Self.explainedCalls
    }
    guard kept else { return }
    let start = (request.messages.last?.content ?? "").prefix(200)
    let asked = start.split(whereSeparator: \.isNewline).joined(separator: " ")
    let shown = asked.count > 60 ? asked.prefix(57) + "..." : Substring(asked)
    let line = "\(CallRole.current.rawValue) · \(request.model) · \(outcome) · \(Value.quote(String(shown)))"
    lock.withLock {
      if entryCalls.count < Self.explainedCalls { entryCalls.append(line) }
    }
  }

  /// How a call ended, for `explain`.
  private static func outcome(_ answer: ChatResponse, fromRecord: Bool) -> String {
    if fromRecord { return "from the record" }
    if answer.shared { return "shared with an identical call" }
    if answer.cached { return "from the cache" }
    return "\(answer.promptTokens)+\(answer.completionTokens) tokens in " + String(format: "%.2f s", answer.latency)
  }

  /// Calls under way now (for a run's status line).
  var inFlight: Int { lock.withLock { running } }

  /// Calls made since the session started, and how many a record answered.
  var counts: (calls: Int, replayed: Int) { lock.withLock { (calls, replayed) } }

  /// Answers `request` from the record or `base`, and counts it in the current `CallLedger`.
  func complete(_ request: ChatRequest, with base: any LanguageModel, price: ModelPrice? = nil) async throws
    -> ChatResponse
  {
    if let dryRun = CallGate.estimating { return try await dryRun.complete(request) }
    guard activeStepper == nil else { return try await stepThrough(request, with: base, price: price) }
    return try await answer(request, with: base, price: price)
  }

  /// One call while stepping: shown before it is answered, its answer after, one call at a
  /// time (the others wait their turn).
  private func stepThrough(_ request: ChatRequest, with base: any LanguageModel, price: ModelPrice?) async throws
    -> ChatResponse
  {
    try await stepTurn.withPermit {
      guard let stepper = activeStepper else { return try await answer(request, with: base, price: price) }
      let call = lock.withLock { () -> SteppedCall in
        stepNumber += 1
        let role = CallRole.current.rawValue
        let message = request.messages.last?.content ?? ""
        let changes = lastPromptByRole[role].map { WordDiff.text(from: $0, to: message) }
        lastPromptByRole[role] = message
        return SteppedCall(
          number: stepNumber, role: role, model: request.model,
          system: request.messages.first { $0.role == .system }?.content, message: message, changes: changes)
      }
      switch await stepper.before(call) {
      case .stop: throw CancellationError()
      case .runToEnd: lock.withLock { stepsThisEntry = false }
      case .next: break
      }
      let (answer, how) = try await answerTelling(request, with: base, price: price)
      if lock.withLock({ stepsThisEntry }) { await stepper.after(call, answer: answer.text, how: how) }
      return answer
    }
  }

  /// Answers `request` from the record or `base`, counting it in the ledger and for `:explain`.
  private func answer(_ request: ChatRequest, with base: any LanguageModel, price: ModelPrice?) async throws
    -> ChatResponse
  {
    try await answerTelling(request, with: base, price: price).answer
  }

  /// As `answer`, with how the answer was given (`:explain`'s words).
  private func answerTelling(_ request: ChatRequest, with base: any LanguageModel, price: ModelPrice?) async throws
    -> (answer: ChatResponse, how: String)
  {
    lock.withLock { running += 1 }
    defer { lock.withLock { running -= 1 } }
    let ledger = CallLedger.current
    do {
      guard
        lock.withLock({
          calls += 1; return cell != nil
        })
      else {
        let answer = try await base.complete(request)
        ledger?.record(answer, price: price)
        let how = Self.outcome(answer, fromRecord: false)
        explain(request, how)
        return (answer, how)
      }
      let (answer, fromRecord) = try await completeInCell(request, with: base)
      ledger?.record(answer, fromRecord: fromRecord, price: price)
      let how = Self.outcome(answer, fromRecord: fromRecord)
      explain(request, how)
      return (answer, how)
    } catch {
      if !(error is CancellationError || error is BudgetExhausted || error is OfflineCall) { ledger?.recordFailure() }
      explain(request, "failed")
      throw error
    }
  }

  /// A call made while a notebook cell runs.
  ///
  /// Kept apart from `complete` so that calls outside cells (hundreds can be in flight) do not
  /// each carry this function's larger async frame.
  private func completeInCell(_ request: ChatRequest, with base: any LanguageModel)
    async throws -> (ChatResponse, fromRecord: Bool)
  {
    // Only a notebook cell's calls are looked up and logged by key, so only they are hashed.
    let key = RequestKey(request).hex
    let state: (ChatResponse?, Bool, String?, String) = lock.withLock { (recorded[key], offline, cell, offlineRemedy) }
    if var answer = state.0 {
      lock.withLock { replayed += 1 }
      remember(key, request, answer)
      answer.cached = true
      return (answer, true)
    }
    if state.1, let cell = state.2 { throw OfflineCall(cell: cell, request: request, remedy: state.3) }
    let answer = try await base.complete(request)
    remember(key, request, answer)
    return (answer, false)
  }

  private func remember(_ key: String, _ request: ChatRequest, _ response: ChatResponse) {
    var kept = response
    kept.latency = 0
    kept.cached = false
    kept.shared = false
    lock.withLock { if cell != nil { log[key] = Call(key: key, request: request, response: kept) } }
  }
}
