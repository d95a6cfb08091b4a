/// Sends each event to the run's JSON Lines log (if any), then to the progress callback.
struct EventSink: Sendable {
  let log: RunLog?
  let progress: @Sendable (RunEvent) -> Void

  func emit(_ event: RunEvent) async throws {
    try await log?.append(event)
    progress(event)
  }
}
