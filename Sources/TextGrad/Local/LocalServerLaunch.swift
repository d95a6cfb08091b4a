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

  /// Starts the server, trying another port when the chosen one was taken in the meantime.
  func run() async throws -> RunningLocalServer {
    try files.checkInstalled()
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
  /// One slot (`-np 1`) and no prompt cache make temperature-0 answers repeatable; the
  /// web UI is of no use to ftg. Weight repacking is off: on CPUs that report AMX inside a
  /// virtual machine, llama.cpp's repacked (AMX) weights die with an invalid opcode, and for a
  /// 0.5B model repacking saves little.
  func arguments(port: Int) -> [String] {
    var arguments = [
      "--model", files.model, "--alias", files.modelName,
      "--host", "127.0.0.1", "--port", String(port),
      "--parallel", "1", "--no-cache-prompt", "--ctx-size", String(options.contextSize),
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
