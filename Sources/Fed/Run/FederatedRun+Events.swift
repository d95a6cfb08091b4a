extension FederatedRun {
  /// Starts the run in a task and returns its events as a stream, for a shell to render.
  ///
  /// The stream finishes when the run ends, however it ends; the task gives the result or
  /// the error. Cancelling the task stops the run (finished rounds stay checkpointed).
  public func start() -> (events: AsyncStream<RunEvent>, result: Task<RunResult, any Error>) {
    let (events, continuation) = AsyncStream.makeStream(of: RunEvent.self)
    let task = Task {
      defer { continuation.finish() }
      return try await run { continuation.yield($0) }
    }
    return (events, task)
  }
}
