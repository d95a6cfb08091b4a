import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Free TCP ports on 127.0.0.1, as the kernel hands them out.
enum LoopbackPort {
  /// A port that was free a moment ago: the kernel picks it for a socket bound to port 0,
  /// which is then closed so that the server can bind it.
  static func free() throws(LocalModelError) -> Int {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw .noFreePort(detail: "socket(): \(lastError)") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
      }
    }
    guard bound else { throw .noFreePort(detail: "bind(127.0.0.1:0): \(lastError)") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  private static var lastError: String { String(cString: strerror(errno)) }
}
