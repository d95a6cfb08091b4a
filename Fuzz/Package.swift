// swift-tools-version: 6.1
// The coverage-guided fuzzer of ftg's language (libFuzzer), a package of its own so that the
// main package builds without the fuzzer's flags. Built and run by scripts/fuzz.sh.
import PackageDescription

let package = Package(
  name: "ftg-fuzz",
  dependencies: [.package(name: "ftg", path: "..")],
  targets: [
    .executableTarget(
      name: "FTGLangFuzzer", dependencies: [.product(name: "FTGLang", package: "ftg")])
  ]
)
