// swift-tools-version: 6.1
// ftg-bench, ftg's benchmarks and their loopback LLM server (SwiftNIO): a package of its own,
// beside the root as Fuzz/ is, so that building ftg compiles no SwiftNIO. Its benchmarks run
// the `ftg` of this package's build folder: build both (see README.md, "Performance").
import PackageDescription

let package = Package(
  name: "ftg-bench",
  products: [
    .executable(name: "ftg-bench", targets: ["FTGBench"])
  ],
  dependencies: [
    .package(name: "ftg", path: ".."),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
  ],
  targets: [
    .executableTarget(
      name: "FTGBench",
      dependencies: [
        .product(name: "FTGLang", package: "ftg"),
        .product(name: "Fed", package: "ftg"),
        .product(name: "TextGrad", package: "ftg"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ])
  ]
)
