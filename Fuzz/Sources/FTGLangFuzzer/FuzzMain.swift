import Foundation

/// libFuzzer's driver, which parses the fuzzer's options and runs `fuzz` in a loop.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The fuzzer's entry point: SwiftPM names an executable's `main` after its module, so the
/// program starts here and hands over to libFuzzer's driver.
@main
enum FuzzMain {
  static func main() {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv) { data, count in fuzz(data, count) })
  }
}
