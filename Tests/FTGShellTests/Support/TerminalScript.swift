import FTGTestSupport
import Foundation

/// An end-to-end scenario in a real terminal: `ftg` in a detached tmux session of a private
/// tmux server, driven by `send-keys` and read with `capture-pane`.
///
/// The steps become one bash script (see `CleanSpawn`); it closes every inherited descriptor
/// above 2 so tmux's forked server holds no pipe of a parallel test, and each wait polls the
/// screen with a timeout.
struct TerminalScript {
  /// One thing the user does or waits to see.
  enum Step {
    /// Literal text typed at the keyboard.
    case type(String)
    /// A tmux key name: `Enter`, `Up`, `Tab`, `C-c`, `C-d`, `C-u`.
    case key(String)
    /// Text pasted as a terminal does when the program asked for bracketed paste.
    case paste(String)
    /// Wait until the screen contains the text (which may span lines).
    case waitForText(String)
    /// Wait until the screen's last non-blank line is the text (trailing spaces ignored).
    case waitForLastLine(String)
  }

  /// Whether tmux is installed (the end-to-end tests are skipped otherwise).
  static let isAvailable = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
    .contains { FileManager.default.isExecutableFile(atPath: $0) }

  var steps: [Step]
  /// Arguments of `ftg` (none: the shell).
  var arguments: [String] = []
  /// Environment variables of `ftg` beyond the terminal's.
  var environment: [String: String] = [:]

  /// The outcome: whether every wait succeeded, and the screen at the end (or at the wait
  /// that timed out), plus the history file ftg left.
  struct Result {
    var passed: Bool
    var transcript: String
    var history: String
  }

  /// Runs `ftg` with the steps; the pane shows `[exit STATUS]` when ftg ends.
  func run(ftg: String) async throws -> Result {
    let home = try FTGBinary.temporaryHome()
    defer { try? FileManager.default.removeItem(at: home) }
    let script = home.appendingPathComponent("scenario.sh")
    try bashScript(ftg: ftg, home: home.path).write(to: script, atomically: true, encoding: .utf8)
    // Each wait in the script gives up after 10 s; the limit only stops a script gone wrong.
    let run = try await CleanSpawn.run(
      ["/bin/bash", script.path], environment: ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"], limit: 600)
    let historyFile = home.appendingPathComponent("history")
    let history = (try? String(contentsOf: historyFile, encoding: .utf8)) ?? ""
    return Result(passed: run.status == 0, transcript: run.output + run.errors, history: history)
  }

  private func bashScript(ftg: String, home: String) -> String {
    let command =
      ([
        "env", "HOME=\(home)", "FTG_HISTORY=\(home)/history", "TERM=xterm-256color",
        "LANG=C.UTF-8", "NO_COLOR=1",
      ] + environment.keys.sorted().map { "\($0)=\(environment[$0] ?? "")" } + [ftg] + arguments).map(Self.quoted)
      .joined(separator: " ") + "; echo \"[exit $?]\"; sleep 30"
    return """
      for fd in /proc/$$/fd/*; do
        n=${fd##*/}; if (( n > 2 )); then eval "exec $n>&-" 2>/dev/null; fi
      done
      sock=\(Self.quoted(home + "/tmux.sock"))
      t() { tmux -S "$sock" "$@"; }
      screen() {
        t capture-pane -p -t ftg | sed -e 's/[[:space:]]*$//' \\
          | sed -e :a -e '/^\\n*$/{$d;N;ba' -e '}'
      }
      finish() { t kill-server >/dev/null 2>&1; exit "$1"; }
      wait_text() {
        local end=$((SECONDS + 10))
        until [[ "$(screen)" == *"$1"* ]]; do
          if (( SECONDS > end )); then
            printf 'timed out waiting for:\\n%s\\nscreen:\\n' "$1"; screen; finish 1
          fi
          sleep 0.05
        done
      }
      wait_last() {
        local end=$((SECONDS + 10))
        until [[ "$(screen | tail -n 1)" == "$1" ]]; do
          if (( SECONDS > end )); then
            printf 'timed out waiting for last line:\\n%s\\nscreen:\\n' "$1"; screen; finish 1
          fi
          sleep 0.05
        done
      }
      t -f /dev/null new-session -d -s ftg -x 120 -y 40 \(Self.quoted(command)) \\
        </dev/null >/dev/null 2>&1
      \(steps.map(Self.bash).joined(separator: "\n"))
      screen
      finish 0

      """
  }

  private static func bash(_ step: Step) -> String {
    switch step {
    case .type(let text): "t send-keys -t ftg -l \(quoted(text))"
    case .key(let name): "t send-keys -t ftg \(quoted(name))"
    case .paste(let text):
      "t set-buffer -b p \(quoted(text)); t paste-buffer -p -d -b p -t ftg"
    case .waitForText(let text): "wait_text \(quoted(text))"
    case .waitForLastLine(let line):
      "wait_last \(quoted(String(line.reversed().drop { $0 == " " }.reversed())))"
    }
  }

  private static func quoted(_ value: String) -> String {
    "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
