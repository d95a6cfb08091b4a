import Foundation

/// A llama-server that answered `/health`: its process, URL and log file.
struct RunningLocalServer: Sendable {
  let process: ServerProcess
  let endpoint: EngineEndpoint
  let logFile: String
}

/// One attempt at starting llama-server on a free loopback port and waiting until it is ready.
struct LocalServerLaunch: Sendable {
  let files: LocalModelFiles
  let options: LocalModelServer.Options
  /// Told how long this launch has waited for an installation still running.
  let progress: @Sendable (String) -> Void

  /// Waits for an installation still running, then starts the server, trying another port
  /// when the chosen one was taken in the meantime.
  func run() async throws -> RunningLocalServer {
    let installation = LocalModelInstallation(files: files)
    let waited = try await installation.waitIfRunning(
      poll: .milliseconds(Int(options.installPoll * 1000)), progress: progress)
    do {
      try files.checkInstalled()
    } catch {
      guard waited else { throw error }
      throw LocalModelError.installationFailed(
        missing: error.description, log: files.installLogFile, tail: Self.lastLines(of: files.installLogFile))
    }
    var attempt = 1
    while true {
      do {
        return try await runOnce()
      } catch let error as LocalModelError where error.isPortTaken && attempt < 3 {
        attempt += 1
      }
    }
  }

  /// The command-line arguments for a server on `port`.
  ///
  /// `options.slots` requests are answered at once, each with `options.contextSize` tokens
  /// of context (measured on 2 cores, 2 slots answered 12 questions 4 at a time in 40 s, 1
  /// slot in 93 s; docs/protocol.md). Requests that share a batch can differ in their last
  /// bits at temperature 0, so a fresh run may not repeat an earlier one word for word;
  /// notebook records and the response cache keep the answers, so replays are exact. The
  /// prompt cache is off, and the web UI is of no use to ftg. Weight repacking is off: on CPUs
  /// that report AMX inside a virtual machine, llama.cpp's repacked (AMX) weights die with an
  /// invalid opcode, and for a 0.5B model repacking saves little.
  func arguments(port: Int) -> [String] {
    var arguments = [
      "--model", files.model, "--alias", files.modelName,
      "--host", "127.0.0.1", "--port", String(port),
      "--parallel", String(options.slots), "--no-cache-prompt",
      "--ctx-size", String(options.contextSize * options.slots),
      "--no-webui", "--no-repack",
    ]
    if let threads = options.threads { arguments += ["--threads", String(threads)] }
    return arguments
  }

  private func runOnce() async throws -> RunningLocalServer {
    let port = try LoopbackPort.free()
    let logFile = files.logDirectory + "/llama-server-\(port).log"
    let log = try openLog(logFile)
    defer { try? log.close() }
    let process: ServerProcess
    do {
      process = try await ServerProcess.launch(
        executable: files.serverBinary, arguments: arguments(port: port), log: log)
    } catch {
      throw LocalModelError.launchFailed(binary: files.serverBinary, detail: "\(error)")
    }
    do {
      try await waitUntilReady(process, port: port, logFile: logFile)
    } catch {
      await process.stop(grace: 2)
      throw error
    }
    let endpoint = try EngineEndpoint(
      baseURL: "http://127.0.0.1:\(port)/v1", model: files.modelName, apiKey: nil)
    return RunningLocalServer(process: process, endpoint: endpoint, logFile: logFile)
  }

  private func openLog(_ path: String) throws(LocalModelError) -> FileHandle {
    do {
      try FileManager.default.createDirectory(
        atPath: files.logDirectory, withIntermediateDirectories: true)
    } catch {
      throw .cannotOpenLog(path: path, detail: "\(error)")
    }
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw .cannotOpenLog(path: path, detail: "cannot create the file") }
    return handle
  }

  private func waitUntilReady(_ process: ServerProcess, port: Int, logFile: String) async throws {
    let probe = HealthProbe(url: "http://127.0.0.1:\(port)/health", timeout: 1)
    let deadline = ContinuousClock.now + .milliseconds(Int(options.startupTimeout * 1000))
    while true {
      try Task.checkCancellation()
      if let ending = process.ending {
        throw LocalModelError.exitedBeforeReady(
          binary: files.serverBinary, model: files.model, ending: ending, log: logFile,
          tail: Self.lastLines(of: logFile))
      }
      if try await probe.status() == 200 { return }
      if ContinuousClock.now >= deadline {
        throw LocalModelError.notReadyInTime(
          binary: files.serverBinary, model: files.model, seconds: options.startupTimeout,
          log: logFile, tail: Self.lastLines(of: logFile))
      }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  /// The last `count` lines of the log, to show with an error.
  static func lastLines(of path: String, count: Int = 12) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { return "" }
    let text = String(decoding: data.suffix(8192), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    return lines.suffix(count).joined(separator: "\n")
  }
}
