// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "ftg",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "ftg", targets: ["FTGShell"]),
    .executable(name: "ftg-bench", targets: ["FTGBench"]),
    .library(name: "TextGrad", targets: ["TextGrad"]),
    .library(name: "Fed", targets: ["Fed"]),
    .library(name: "FTGLang", targets: ["FTGLang"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CCurl", pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(
      name: "CEditLine", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    .target(
      name: "TextGrad",
      dependencies: ["CCurl", "CSQLite", .product(name: "Crypto", package: "swift-crypto")]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    .target(name: "Fed", dependencies: ["TextGrad", "CZlib"]),
    .target(
      name: "FTGLang",
      dependencies: [
        "Fed", "TextGrad", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Ink", package: "Ink"),
      ]),
    .executableTarget(
      name: "FTGShell",
      dependencies: [
        "FTGLang", "TextGrad", "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "FTGBench",
      dependencies: [
        "FTGLang", "Fed", "TextGrad",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]),
    .target(
      name: "FTGTestSupport", path: "Tests/FTGTestSupport",
      resources: [.copy("fake_openai_server.py")]),
    .testTarget(
      name: "TextGradTests", dependencies: ["TextGrad", "FTGTestSupport"],
      exclude: ["DataTests/make_python_random_vectors.py"]),
    .testTarget(name: "FedTests", dependencies: ["Fed"]),
    .testTarget(name: "FTGLangTests", dependencies: ["FTGLang", "FTGTestSupport"], exclude: ["Scripts"]),
    .testTarget(name: "FTGShellTests", dependencies: ["FTGShell", "FTGTestSupport"]),
  ]
)
