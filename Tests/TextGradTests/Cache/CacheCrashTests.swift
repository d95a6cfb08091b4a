import FTGTestSupport
import Foundation
import Testing

@testable import TextGrad

/// A second process writing into the cache database, as another `ftg` would.
///
/// It writes entries for `childRequest(i)` in the store's schema, one transaction each, and
/// prints each index after its commit (pausing briefly, as a real caller would between
/// answers), until it is killed.
private let childWriter = #"""
  import hashlib, json, sqlite3, sys, time
  connection = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
  connection.execute("PRAGMA journal_mode = WAL")
  index = 0
  while True:
      request = {"grammar": None, "max_tokens": None,
                 "messages": [{"content": "child %d" % index, "role": "user"}],
                 "model": "child", "seed": index, "stop": None, "temperature": None,
                 "top_p": None, "version": 1}
      canonical = json.dumps(request, sort_keys=True, separators=(",", ":"))
      key = hashlib.sha256(canonical.encode()).hexdigest()
      response = json.dumps({"cached": False, "completionTokens": 2, "finishReason": "stop",
                             "latency": 0, "promptTokens": 2, "text": "child answer %d" % index})
      connection.execute("BEGIN IMMEDIATE")
      connection.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, 0)",
                         (key, canonical, response))
      connection.execute("COMMIT")
      print(index, flush=True)
      index += 1
      time.sleep(0.002)
  """#

private func childRequest(_ index: Int) -> ChatRequest {
  ChatRequest(model: "child", messages: [.user("child \(index)")], seed: index)
}

@Suite struct CacheCrashTests {
  @Test func killedWriterLeavesEveryCommittedEntry() async throws {
    let path = temporaryCachePath()
    let store = try SQLiteResponseStore(path: path)
    let output = Pipe()
    let child = try ChildProcess { process in
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", "-c", childWriter, path]
      process.standardOutput = output
    }

    for index in 0..<100 {
      try await store.save(
        ChatResponse(text: "parent \(index)"), for: RequestKey(echoRequest("parent \(index)")))
    }
    let reading = output.fileHandleForReading
    let committed = try await onOwnThread(named: "cache-crash-child-output") {
      var committed = Data()
      while committed.filter({ $0 == UInt8(ascii: "\n") }).count < 200 {
        let chunk = reading.availableData
        if chunk.isEmpty { break }
        committed.append(chunk)
      }
      return committed
    }
    child.send(SIGKILL)
    #expect(await child.exit().signalled)
    let lines = String(decoding: committed, as: UTF8.self).split(separator: "\n")
    let indices = lines.dropLast().compactMap { Int($0) }
    #expect(indices.count >= 199)

    let reopened = try SQLiteResponseStore(path: path)
    for index in indices {
      #expect(
        try await reopened.response(for: RequestKey(childRequest(index)))?.text
          == "child answer \(index)")
    }
    for index in 0..<100 {
      #expect(
        try await reopened.response(for: RequestKey(echoRequest("parent \(index)")))?.text
          == "parent \(index)")
    }
  }
}
