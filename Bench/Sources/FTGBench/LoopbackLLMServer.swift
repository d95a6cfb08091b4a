import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An OpenAI-compatible chat server on loopback that answers every request after a set
/// latency, for benchmarks: `POST /v1/chat/completions` answers with `CannedReplies`,
/// `GET /stats` tells how many requests came, when the first one arrived and how many were
/// in flight at most.
///
/// It is event-driven (SwiftNIO, a thread per core): a request waiting out its latency holds
/// no thread, and a burst of hundreds is parsed and answered on every core, so what a
/// benchmark measures is ftg, not the server.
final class LoopbackLLMServer: Sendable {
  private let group: MultiThreadedEventLoopGroup
  private let channel: any Channel
  private let stats: ServerStats

  /// The port it listens on.
  var port: Int { channel.localAddress?.port ?? 0 }

  /// Starts listening on 127.0.0.1 (a free port when `port` is 0).
  init(port: Int = 0, latency: Duration) throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
    let stats = ServerStats()
    let bootstrap = ServerBootstrap(group: group)
      .serverChannelOption(.backlog, value: 1024)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.pipeline.configureHTTPServerPipeline().flatMap {
          channel.pipeline.addHandler(ChatHandler(latency: latency, stats: stats))
        }
      }
    self.group = group
    self.stats = stats
    channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
  }

  /// Stops listening and ends the server's thread.
  func stop() {
    try? channel.close().wait()
    try? group.syncShutdownGracefully()
  }
}

/// What the server saw, shared by its connections.
final class ServerStats: @unchecked Sendable {
  private let lock = NSLock()
  private var requests = 0
  private var inFlight = 0
  private var peakInFlight = 0
  private var firstRequest: UInt64?

  func started() {
    lock.withLock {
      requests += 1
      inFlight += 1
      peakInFlight = max(peakInFlight, inFlight)
      if firstRequest == nil { firstRequest = MonotonicClock.nanoseconds() }
    }
  }

  func finished() { lock.withLock { inFlight -= 1 } }

  /// `{"requests": N, "peak_in_flight": N, "first_request_ns": N}` (monotonic clock).
  var json: Data {
    lock.withLock {
      let object: [String: Any] = [
        "requests": requests, "peak_in_flight": peakInFlight,
        "first_request_ns": firstRequest.map { Int($0) } ?? 0,
      ]
      return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
  }
}

/// One connection: collects each request, answers it after the latency.
private final class ChatHandler: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  private let latency: Duration
  private let stats: ServerStats
  private var head: HTTPRequestHead?
  private var body = ByteBuffer()

  init(latency: Duration, stats: ServerStats) {
    self.latency = latency
    self.stats = stats
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let requestHead):
      head = requestHead
      body.clear()
    case .body(var part):
      body.writeBuffer(&part)
    case .end:
      guard let head else { return }
      self.head = nil
      respond(to: head, body: Data(body.readableBytesView), context: context)
    }
  }

  private func respond(to head: HTTPRequestHead, body: Data, context: ChannelHandlerContext) {
    if head.method == .GET, head.uri.hasSuffix("/stats") {
      write(status: .ok, json: stats.json, keepAlive: head.isKeepAlive, context: context)
      return
    }
    guard head.method == .POST, head.uri.hasSuffix("/chat/completions") else {
      write(
        status: .notFound, json: Data(#"{"error":{"message":"not found"}}"#.utf8), keepAlive: head.isKeepAlive,
        context: context)
      return
    }
    stats.started()
    let answer = CannedReplies.completion(for: body)
    let keepAlive = head.isKeepAlive
    let nanoseconds = latency.components.seconds * 1_000_000_000 + latency.components.attoseconds / 1_000_000_000
    let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
    context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) { [self] in
      stats.finished()
      write(status: .ok, json: answer, keepAlive: keepAlive, context: bound.value)
    }
  }

  private func write(status: HTTPResponseStatus, json: Data, keepAlive: Bool, context: ChannelHandlerContext) {
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: "application/json")
    headers.add(name: "Content-Length", value: String(json.count))
    if !keepAlive { headers.add(name: "Connection", value: "close") }
    context.write(
      wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: json)))), promise: nil)
    let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
    context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
      if !keepAlive { bound.value.close(promise: nil) }
    }
  }
}
