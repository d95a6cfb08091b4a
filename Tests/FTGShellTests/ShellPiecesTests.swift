import FTGLang
import Foundation
import Testing

@testable import FTGShell

/// Completion, history location, colour choice and the timing summary.
@Suite struct ShellPiecesTests {
  let completer = ShellCompleter(session: ScriptedSession())

  @Test func completesCommandNamesAfterAColon() {
    #expect(
      completer.complete(line: ":h", cursor: 2)
        == Session.Completion(start: 0, candidates: [":help ", ":history"]))
    #expect(
      completer.complete(line: "  :re", cursor: 5)
        == Session.Completion(start: 2, candidates: [":reset"]))
  }

  @Test func completesFilePathsAfterLoad() throws {
    let folder = try FTGBinary.temporaryHome()
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["exp1.ftg", "exp2.ftg", ".hidden.ftg", "notes.txt"] {
      let path = folder.appendingPathComponent(name).path
      #expect(FileManager.default.createFile(atPath: path, contents: nil))
    }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("experiments"), withIntermediateDirectories: true)
    let line = ":load \(folder.path)/ex"
    let completion = completer.complete(line: line, cursor: line.count)
    #expect(completion.start == ":load ".count)
    #expect(
      completion.candidates
        == ["exp1.ftg", "exp2.ftg", "experiments/"].map {
          folder.path + "/" + $0
        })
    #expect(PathCompletion.candidates(for: folder.path + "/.h") == [folder.path + "/.hidden.ftg"])
  }

  @Test func asksTheSessionForEverythingElse() {
    #expect(
      completer.complete(line: "x = ad", cursor: 6)
        == Session.Completion(start: 4, candidates: ["add", "adder"]))
    #expect(
      completer.complete(line: ":help ac", cursor: 8)
        == Session.Completion(start: 6, candidates: ["accuracy"]))
  }

  @Test func commonPrefixOfCandidates() {
    #expect(ShellCompleter.commonPrefix(["adder", "add", "addition"]) == "add")
    #expect(ShellCompleter.commonPrefix(["round", "reset"]) == "r")
    #expect(ShellCompleter.commonPrefix([]) == "")
  }

  @Test func columnsFillTopToBottomWithinTheWidth() {
    let text = ShellCompleter.columns(["a", "bb", "ccc", "dd", "e"], width: 12)
    #expect(text == "a    dd\nbb   e\nccc")
    #expect(ShellCompleter.columns(["one", "two"], width: 3) == "one\ntwo")
  }

  @Test func historyFileFollowsTheEnvironment() {
    #expect(
      HistoryFile.resolve(environment: ["FTG_HISTORY": "/tmp/h", "HOME": "/home/u"])
        == HistoryFile(path: "/tmp/h"))
    #expect(
      HistoryFile.resolve(environment: ["XDG_STATE_HOME": "/s", "HOME": "/home/u"])
        == HistoryFile(path: "/s/ftg/history"))
    #expect(
      HistoryFile.resolve(environment: ["HOME": "/home/u"])
        == HistoryFile(path: "/home/u/.local/state/ftg/history"))
    #expect(HistoryFile.resolve(environment: [:]) == nil)
  }

  @Test func colourOnlyOnATerminalWithoutNoColor() {
    #expect(TerminalStyle.detect(isTerminal: true, environment: [:]).color)
    #expect(!TerminalStyle.detect(isTerminal: false, environment: [:]).color)
    #expect(!TerminalStyle.detect(isTerminal: true, environment: ["NO_COLOR": "1"]).color)
    #expect(TerminalStyle.detect(isTerminal: true, environment: ["NO_COLOR": ""]).color)
  }

  @Test func mergedSentencesAreColouredByTheirSource() {
    let text = "round 1:\n  client 1 │ Count.\n  merge    │ Be careful.\nplain │ line\n"
    #expect(TerminalStyle(color: false).sourced(text) == text)
    #expect(
      TerminalStyle(color: true).sourced(text)
        == "round 1:\n\u{1B}[35m  client 1 │ Count.\u{1B}[0m\n\u{1B}[1m  merge    │ Be careful.\u{1B}[0m\nplain │ line\n"
    )
  }

  @Test func promptEscapesAreHiddenFromLibeditsWidth() {
    let ignore = TerminalStyle.promptIgnore
    #expect(TerminalStyle(color: false).prompt("ftg> ") == "ftg> ")
    let colored = TerminalStyle(color: true).prompt("ftg> ")
    #expect(colored.hasSuffix("\(ignore) "))
    #expect(colored.filter { $0 == ignore }.count == 4)
    #expect(colored.contains("ftg>"))
  }

  @Test func summaryAppearsForSlowEntriesOrWithDetails() {
    #expect(!EntrySummary(elapsed: .milliseconds(120)).isWorthShowing())
    #expect(EntrySummary(elapsed: .milliseconds(1_250)).isWorthShowing())
    #expect(!EntrySummary(elapsed: .milliseconds(1_250)).isWorthShowing(threshold: .seconds(2)))
    #expect(EntrySummary(elapsed: .milliseconds(1_250)).text == "1.25 s")
    let withCalls = EntrySummary(elapsed: .milliseconds(3), details: ["2 LLM calls"])
    #expect(withCalls.isWorthShowing())
    #expect(withCalls.text == "3.0 ms, 2 LLM calls")
  }

  @Test func moduleSearchPathStartsWithFTGPath() {
    let paths = ModuleSearchPath.paths(["FTG_PATH": "/a:/b:/a"], executable: nil)
    #expect(paths == ["/a", "/b"])
  }
}
