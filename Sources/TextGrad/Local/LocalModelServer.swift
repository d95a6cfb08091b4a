/// The embedded `local` engine's server: llama.cpp's `llama-server` on 127.0.0.1, started on
/// first use and stopped when this object goes away (or with ftg, however ftg ends).
///
/// `engine()` starts the server if needed and returns an OpenAI-compatible engine talking to
/// it; concurrent callers share one start. While `scripts/install-local-model.sh` still installs
/// the binary or the model, the start waits for it; a missing binary or model is a
/// `LocalModelError` that says to run the script.
public actor LocalModelServer {
  /// How the server is run.
  public struct Options: Hashable, Sendable {
    /// Tokens of context the server allocates (prompt plus answer): room for an optimizer
    /// request with a batch's feedback and a 2,000-token answer.
    public var contextSize: Int
    /// CPU threads for generation; `nil` lets llama.cpp choose.
    public var threads: Int?
    /// Requests answered at once (llama.cpp's parallel slots), each with `contextSize` tokens.
    public var slots: Int
    /// Seconds to wait for the server to load the model and answer `/health`.
    public var startupTimeout: Double
    /// Seconds a stopping server gets to end after SIGTERM before it is killed.
    public var stopGrace: Double
    /// Seconds between two looks at an installation still running.
    public var installPoll: Double

    /// Options with the given values (defaults suit a small model on a laptop).
    public init(
      contextSize: Int = 8192, threads: Int? = nil, slots: Int = 2, startupTimeout: Double = 120,
      stopGrace: Double = 5, installPoll: Double = 1
    ) {
      self.contextSize = contextSize
      self.threads = threads
      self.slots = max(1, slots)
      self.startupTimeout = startupTimeout
      self.stopGrace = stopGrace
      self.installPoll = installPoll
    }

    /// Default options, with `threads` from `$FTG_LOCAL_THREADS` when it holds a positive
    /// count (one thread keeps llama.cpp fast when other programs share the cores).
    public init(environment: [String: String]) {
      self.init(threads: environment["FTG_LOCAL_THREADS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil })
    }
  }

  /// The binary, model and log folder used.
  public nonisolated let files: LocalModelFiles
  /// How the server is run.
  public nonisolated let options: Options
  private let progress: @Sendable (String) -> Void
  private var running: RunningLocalServer?
  private var startup: Task<RunningLocalServer, any Error>?
  /// The stop under way: a `start()` meanwhile waits for it rather than reuse a dying server.
  private var stopping: Task<Void, Never>?

  /// A server for `files` (not started until first used); `progress` is told, while the
  /// first start waits for an installation still running, what it waits for and how long it has.
  public init(
    files: LocalModelFiles, options: Options = Options(), progress: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.files = files
    self.options = options
    self.progress = progress
  }

  deinit {
    running?.process.stopSoon(grace: options.stopGrace)
  }

  /// Starts the server unless it runs already, and returns where it answers.
  ///
  /// Waits first for an installation still running. Throws `LocalModelError` when the binary or
  /// model is missing, or when the server exits or does not become ready in time (naming its
  /// log file).
  public func start() async throws -> EngineEndpoint {
    if let stopping { await stopping.value }
    if let running, running.process.isRunning { return running.endpoint }
    if let startup { return try await startup.value.endpoint }
    running = nil
    let launch = LocalServerLaunch(files: files, options: options, progress: progress)
    let task = Task { try await launch.run() }
    startup = task
    defer { startup = nil }
    let server = try await task.value
    running = server
    return server.endpoint
  }

  /// An engine answering from this server, which is started first if needed: it sends as
  /// many requests at once as the server has slots, unless `configuration` says otherwise.
  public func engine(configuration: OpenAICompatibleEngine.Configuration? = nil) async throws
    -> OpenAICompatibleEngine
  {
    let chosen =
      configuration
      ?? OpenAICompatibleEngine.Configuration(
        maxConcurrentRequests: options.slots, connectTimeout: 5)
    return OpenAICompatibleEngine(endpoint: try await start(), configuration: chosen)
  }

  /// The server's process ID while it runs.
  public var processIdentifier: Int32? {
    guard let running, running.process.isRunning else { return nil }
    return running.process.processIdentifier
  }

  /// The log file of the server started last.
  public var logFile: String? { running?.logFile }

  /// Stops the server (SIGTERM, then SIGKILL after the grace period) and waits until it is gone.
  ///
  /// Does nothing when it is not running. A later `start()` starts a new one.
  public func stop() async {
    if let stopping { return await stopping.value }
    guard let process = running?.process else { return }
    let grace = options.stopGrace
    let task = Task { await process.stop(grace: grace) }
    stopping = task
    await task.value
    stopping = nil
  }
}
