import Testing

@testable import FTGLang

@Suite struct SessionTests {
  private func session() -> (Session, TestHost) {
    let host = TestHost()
    return (Session(host: host, moduleSearchPaths: [stdlibPath]), host)
  }

  private func value(_ outcome: Session.Outcome) -> Value? {
    if case .value(let v) = outcome { return v }
    return nil
  }

  @Test func bindingsPersistAcrossEntriesAndSurviveErrors() async {
    let (s, _) = session()
    _ = await s.evaluate("let x = 41")
    guard case .failure = await s.evaluate("let y = x + nope") else {
      Issue.record("expected an error")
      return
    }
    #expect(value(await s.evaluate("x + 1")) == .number(42))
    #expect(s.bindings.map(\.name) == ["x"])
  }

  @Test func lastResultIsBoundToUnderscore() async {
    let (s, _) = session()
    _ = await s.evaluate("[1, 2].map { x in x * 3 }")
    #expect(value(await s.evaluate("_")) == .list([.number(3), .number(6)]))
    #expect(!s.bindings.contains { $0.name == "_" })
  }

  @Test func statementsHaveNoValueAndPrintReturnsNil() async {
    let (s, host) = session()
    #expect(value(await s.evaluate("let a = 1")) == nil)
    #expect(value(await s.evaluate("print(\"hi\")")) == .null)
    #expect(host.output == "hi\n")
  }

  @Test func resetForgetsUserBindingsButKeepsBuiltins() async {
    let (s, _) = session()
    _ = await s.evaluate("let a = 1")
    s.reset()
    #expect(s.bindings.isEmpty)
    #expect(value(await s.evaluate("type(a)")) == nil)
    #expect(value(await s.evaluate("type(1)")) == .string("Number"))
  }

  @Test func argumentsAreBoundAsArgs() async {
    let (s, _) = session()
    s.setArguments(["a", "b"])
    #expect(value(await s.evaluate("args.count")) == .number(2))
  }

  @Test func completesBindingsBuiltinsAndKeywords() async {
    let (s, _) = session()
    _ = await s.evaluate("let accuracy = 1\nfn add(a, b) = a + b")
    #expect(s.completions(line: "ac", cursor: 2) == .init(start: 0, candidates: ["accuracy"]))
    #expect(s.completions(line: "print(ad", cursor: 8) == .init(start: 6, candidates: ["add"]))
    #expect(s.completions(line: "whi", cursor: 3).candidates == ["while"])
    #expect(s.completions(line: "pri", cursor: 3).candidates == ["print"])
  }

  @Test func completesMembersAfterADot() async {
    let (s, _) = session()
    _ = await s.evaluate("let r = {acc: 1, name: \"x\", inner: {deep: 2}}\nlet xs = [1]")
    #expect(s.completions(line: "r.a", cursor: 3) == .init(start: 2, candidates: ["acc"]))
    #expect(s.completions(line: "r.inner.d", cursor: 9).candidates == ["deep"])
    #expect(s.completions(line: "xs.ma", cursor: 5).candidates == ["map", "max"])
    #expect(s.completions(line: "nothing.x", cursor: 9).candidates == [])
  }

  @Test func helpCoversKeywordsBuiltinsMembersAndUserFunctions() async {
    let (s, _) = session()
    _ = await s.evaluate("fn train(task, steps: 3) = task\nlet xs = [1]")
    #expect(s.help("for")?.hasPrefix("for x in sequence") == true)
    #expect(s.help("print")?.hasPrefix("print(values...)") == true)
    #expect(s.help("xs.map")?.contains("example: [1, 2, 3].map") == true)
    #expect(s.help("train")?.hasPrefix("fn train(task, steps: …)") == true)
    #expect(s.help("nosuch") == nil)
  }

  @Test func incompleteEntriesAskForMoreLines() {
    let (s, _) = session()
    #expect(s.isIncomplete("fn add(a, b) {"))
    #expect(s.isIncomplete("fn add(a, b) {\n  a + b"))
    #expect(!s.isIncomplete("fn add(a, b) {\n  a + b\n}"))
    #expect(!s.isIncomplete("let = 3"))
  }

  @Test(.timeLimit(.minutes(1))) func cancellationStopsALoopAndKeepsBindings() async throws {
    let (s, host) = session()
    _ = await s.evaluate("let kept = 7")
    let task = Task { await s.evaluate("print(\"looping\")\nvar i = 0\nwhile true { i = i + 1 }") }
    try await host.waitForOutput(containing: "looping")
    task.cancel()
    guard case .failure(let diagnostics) = await task.value else {
      Issue.record("a cancelled loop should fail")
      return
    }
    #expect(diagnostics.map(\.message) == [Messages.interrupted])
    #expect(value(await s.evaluate("kept")) == .number(7))
  }

  @Test func modulesLoadOncePerSession() async {
    let host = TestHost(files: ["lib/counter.ftg": "print(\"loading\")\nlet answer = 42", "main.ftg": ""])
    let s = Session(host: host, moduleSearchPaths: ["lib"])
    _ = await s.evaluate("use \"counter\"\nuse \"counter\"\nprint(answer)", file: "main.ftg")
    #expect(host.output == "loading\n42\n")
  }

  @Test func moduleCyclesAreErrors() async {
    let host = TestHost(files: ["a.ftg": "use \"b\"", "b.ftg": "use \"a\""])
    let s = Session(host: host, moduleSearchPaths: [])
    guard case .failure(let diagnostics) = await s.evaluate("use \"a\"", file: "main.ftg") else {
      Issue.record("expected a cycle error")
      return
    }
    #expect(diagnostics.first?.message == Messages.moduleCycle("a"))
  }

  @Test func loadReportsAnUnreadableFile() async {
    let (s, _) = session()
    guard case .failure(let diagnostics) = await s.load(path: "/no/such/file.ftg") else {
      Issue.record("expected an error")
      return
    }
    #expect(diagnostics.first?.message.hasPrefix("cannot read module '/no/such/file.ftg'") == true)
  }
}

@Suite struct ShellNameCheckTests {
  @Test func aShellFunctionMayUseANameALaterEntryDefines() async {
    let host = TestHost()
    let s = Session(host: host, moduleSearchPaths: [])
    guard case .value = await s.evaluate("fn f() = g() + 1") else {
      Issue.record("defining f should succeed")
      return
    }
    guard case .failure(let early) = await s.evaluate("f()") else {
      Issue.record("calling f before g exists should fail")
      return
    }
    #expect(early.first?.message == "unknown name 'g'")
    _ = await s.evaluate("fn g() = 41")
    guard case .value(let v) = await s.evaluate("f()") else {
      Issue.record("f should run now")
      return
    }
    #expect(v == .number(42))
  }

  @Test func namesFromUsedModulesAreKnownBeforeRunning() async {
    let host = TestHost(files: ["m.ftg": "use \"n\"\nlet fromM = 1", "n.ftg": "let fromN = 2"])
    let s = Session(host: host, moduleSearchPaths: [])
    guard case .value = await s.evaluate("use \"m\"\nprint(fromM + fromN)", file: "main.ftg") else {
      Issue.record("module names should resolve")
      return
    }
    #expect(host.output == "3\n")
  }
}
