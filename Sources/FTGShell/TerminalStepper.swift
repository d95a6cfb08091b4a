import FTGLang
import Foundation

/// Stepping through LLM calls at a terminal (`:step on`, `ftg run --step`): each call's role,
/// model and prompt, the words that changed since the previous call of its role highlighted,
/// then a question (Enter: answer it and stop at the next; `c`: run the rest of the entry; `q`:
/// stop the entry, keeping every binding), then the reply.
final class TerminalStepper: CallStepper, @unchecked Sendable {
  private let host: any ShellHost
  private let style: TerminalStyle

  init(host: any ShellHost, style: TerminalStyle) {
    self.host = host
    self.style = style
  }

  func before(_ call: SteppedCall) async -> StepChoice {
    var lines = [style.value("── call \(call.number) · \(call.role) · \(call.model) ──")]
    if let system = call.system, system != call.message {
      lines.append(style.dim("system: ") + Self.clipped(system, 6))
    }
    lines.append(style.dim("asks: ") + Self.clipped(highlighted(call), 24))
    lines.append(style.dim("[Enter] answer it · c run to the end · q stop: "))
    host.write(lines.joined(separator: "\n"))
    let answer = await line()
    switch answer?.trimmingCharacters(in: .whitespaces).lowercased() {
    case "c": return .runToEnd
    case "q", nil: return .stop
    default: return .next
    }
  }

  func after(_ call: SteppedCall, answer: String, how: String) async {
    host.write(style.dim("reply (\(how)): ") + Self.clipped(answer, 12) + "\n")
  }

  /// The message with the words that changed since the previous call of its role marked: in
  /// colour, or with `{+ +}` and `[- -]` without.
  private func highlighted(_ call: SteppedCall) -> String {
    guard let changes = call.changes, changes != call.message else { return call.message }
    guard style.color else { return changes }
    return
      changes
      .replacingOccurrences(of: "{+", with: "\u{1B}[1;32m").replacingOccurrences(of: "+}", with: "\u{1B}[0m")
      .replacingOccurrences(of: "[-", with: "\u{1B}[9;31m").replacingOccurrences(of: "-]", with: "\u{1B}[0m")
  }

  /// The first `count` lines of `text`, and how many more there are.
  static func clipped(_ text: String, _ count: Int) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > count else { return text }
    return lines.prefix(count).joined(separator: "\n") + "\n… \(lines.count - count) more lines"
  }

  /// The learner's line, read off Swift's threads.
  ///
  /// Nil at the end of input or when the entry is cancelled (Ctrl-C) meanwhile. The reading
  /// thread waits for input in short polls, so a cancelled question leaves no reader behind to
  /// take the shell's next line.
  private func line() async -> String? {
    let once = Once()
    return await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        once.set(continuation)
        let thread = Thread {
          var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
          while !once.isDone {
            if poll(&input, 1, 100) > 0 {
              once.resume(readLine())
              return
            }
          }
        }
        thread.start()
      }
    } onCancel: {
      once.resume(nil)
    }
  }

  /// Resumes a continuation once, whoever comes first: the line read, or a cancellation.
  private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<String?, Never>?
    private var early: String??
    private var done = false

    /// Whether the question has been answered or given up.
    var isDone: Bool { lock.withLock { done } }

    func set(_ continuation: CheckedContinuation<String?, Never>) {
      let ready = lock.withLock { () -> String?? in
        if let early { return early }
        self.continuation = continuation
        return nil
      }
      if let ready { continuation.resume(returning: ready) }
    }

    func resume(_ value: String?) {
      let waiting = lock.withLock { () -> CheckedContinuation<String?, Never>? in
        done = true
        defer { continuation = nil }
        if continuation == nil, early == nil { early = .some(value) }
        return continuation
      }
      waiting?.resume(returning: value)
    }
  }
}
