import CEditLine
import FTGLang
import Foundation

/// A line reader over libedit's native API: emacs keys (or whatever `~/.editrc` says),
/// persistent history with Ctrl-R search, Tab completion from the session, Ctrl-C to drop
/// the line, and bracketed paste so a pasted block becomes one entry.
final class EditLineReader: LineReader {
  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private var event = HistEvent()
  private let historyFile: HistoryFile?
  private let complete: (String, Int) -> Session.Completion
  private var promptText: UnsafeMutablePointer<CChar>?
  private var interrupted = false
  private let outputIsTerminal = isatty(STDOUT_FILENO) == 1

  /// Sets up libedit on the standard streams; nil when libedit cannot drive this terminal.
  init?(historyFile: HistoryFile?, complete: @escaping (String, Int) -> Session.Completion) {
    setlocale(LC_CTYPE, "")
    guard let editLine = ftg_el_init("ftg") else { return nil }
    guard let history = history_init() else {
      el_end(editLine)
      return nil
    }
    self.editLine = editLine
    self.history = history
    self.historyFile = historyFile
    self.complete = complete
    configureHistory()
    configureEditor()
  }

  deinit {
    el_end(editLine)
    history_end(history)
    free(promptText)
  }

  func readLine(prompt: String) throws(LineInterrupted) -> String? {
    free(promptText)
    promptText = strdup(prompt)
    interrupted = false
    setBracketedPaste(true)
    var count: Int32 = 0
    let line = el_gets(editLine, &count)
    setBracketedPaste(false)
    if interrupted {
      ftg_el_print("^C\n")
      throw LineInterrupted()
    }
    guard let line, count > 0 else {
      ftg_el_print("\n")
      return nil
    }
    let text = String(cString: line)
    return text.hasSuffix("\n") ? String(text.dropLast()) : text
  }

  func addHistory(_ entry: String) {
    ftg_history_enter(history, &event, entry)
    if let historyFile {
      ftg_history_save(history, &event, historyFile.path)
    }
  }

  func historyEntries() -> [String] {
    var entries: [String] = []
    var status = ftg_history_last(history, &event)
    while status != -1, let text = event.str {
      entries.append(String(cString: text))
      status = ftg_history_prev(history, &event)
    }
    return entries
  }

  /// Asks the terminal to mark pasted text, only while a line is being edited (so a
  /// program's own output never turns it on).
  private func setBracketedPaste(_ on: Bool) {
    guard outputIsTerminal else { return }
    ftg_el_print(on ? Self.bracketedPasteOn : Self.bracketedPasteOff)
  }

  // MARK: - Setup

  private static let bracketedPasteOn = "\u{1B}[?2004h"
  private static let bracketedPasteOff = "\u{1B}[?2004l"
  private static let pasteEnd = Array("\u{1B}[201~".utf8)

  private func configureHistory() {
    ftg_history_set_size(history, &event, 1000)
    ftg_history_set_unique(history, &event, 1)
    guard let historyFile else { return }
    try? historyFile.createDirectory()  // Without the folder, history stays in memory.
    ftg_history_load(history, &event, historyFile.path)
  }

  private func configureEditor() {
    ftg_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
    ftg_el_set_prompt(editLine, { editLine in reader(of: editLine)?.promptText }, 1)
    ftg_el_set_editor(editLine, "emacs")
    ftg_el_set_signal(editLine, 1)
    ftg_el_set_history(editLine, history)
    // Ctrl-C reaches the editor as a key while a line is edited, so it can drop the line.
    ftg_el_set_edit_tty_mode(editLine, "-isig")
    ftg_el_add_function(editLine, "ftg-complete", "complete the word before the cursor") {
      editLine, _ in reader(of: editLine)?.completeWord() ?? UInt8(CC_ERROR)
    }
    ftg_el_add_function(editLine, "ftg-interrupt", "abandon the line being typed") {
      editLine, _ in reader(of: editLine)?.abandonLine() ?? UInt8(CC_ERROR)
    }
    ftg_el_add_function(editLine, "ftg-paste", "insert a bracketed paste as it is") {
      editLine, _ in reader(of: editLine)?.insertPaste() ?? UInt8(CC_ERROR)
    }
    ftg_el_bind(editLine, "^I", "ftg-complete")
    ftg_el_bind(editLine, "^C", "ftg-interrupt")
    ftg_el_bind(editLine, "^R", "em-inc-search-prev")
    ftg_el_bind(editLine, "\\e[200~", "ftg-paste")
    el_source(editLine, nil)  // The user's ~/.editrc may rebind any of the above.
  }

  // MARK: - Key functions

  /// The line buffer as text and the cursor as a character offset.
  private func currentLine() -> (text: String, cursor: Int)? {
    guard let info = el_line(editLine)?.pointee else { return nil }
    let bytes = UnsafeRawBufferPointer(start: info.buffer, count: info.lastchar - info.buffer)
    let cursorBytes = bytes.prefix(info.cursor - info.buffer)
    let cursor = String(decoding: cursorBytes, as: UTF8.self).count
    return (String(decoding: bytes, as: UTF8.self), cursor)
  }

  private func completeWord() -> UInt8 {
    guard let (line, cursor) = currentLine() else { return UInt8(CC_ERROR) }
    let completion = complete(line, cursor)
    let candidates = completion.candidates
    guard !candidates.isEmpty, (0...cursor).contains(completion.start) else {
      return UInt8(CC_ERROR)
    }
    let typedCount = cursor - completion.start
    let replacement =
      candidates.count == 1 ? candidates[0] : ShellCompleter.commonPrefix(candidates)
    if replacement.count >= typedCount {
      el_deletestr(editLine, Int32(typedCount))
      el_insertstr(editLine, replacement)
    }
    guard candidates.count > 1 else { return UInt8(CC_REFRESH) }
    let width = Int(ftg_terminal_width())
    ftg_el_print("\n" + ShellCompleter.columns(candidates, width: width) + "\n")
    return UInt8(CC_REDISPLAY)
  }

  private func abandonLine() -> UInt8 {
    interrupted = true
    return UInt8(CC_NEWLINE)
  }

  /// Reads the pasted text up to the end-of-paste sequence straight from the terminal and
  /// inserts it, newlines included, so Enter runs the whole block as one entry.
  private func insertPaste() -> UInt8 {
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while !bytes.ends(with: Self.pasteEnd), Foundation.read(STDIN_FILENO, &byte, 1) == 1 {
      bytes.append(byte)
    }
    if bytes.ends(with: Self.pasteEnd) { bytes.removeLast(Self.pasteEnd.count) }
    var text = String(decoding: bytes, as: UTF8.self)
      .replacingOccurrences(of: "\r\n", with: "\n")
      .replacingOccurrences(of: "\r", with: "\n")
    while text.hasSuffix("\n") { text.removeLast() }
    guard !text.isEmpty else { return UInt8(CC_NORM) }
    el_insertstr(editLine, text)
    return UInt8(CC_REFRESH)
  }
}

/// The reader that owns a libedit handle, for the C callbacks.
private func reader(of editLine: OpaquePointer?) -> EditLineReader? {
  guard let editLine, let data = ftg_el_get_clientdata(editLine) else { return nil }
  return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
}

extension Array where Element: Equatable {
  fileprivate func ends(with suffix: [Element]) -> Bool {
    count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
  }
}
