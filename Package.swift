// swift-tools-version: 6.1
import PackageDescription

// Linux only: the curl event loop waits with epoll (Sources/CCurl/shim.h), so no other
// platform is declared.
let package = Package(
  name: "ftg",
  products: [
    .executable(name: "ftg", targets: ["FTGShell"]),
    .library(name: "TextGrad", targets: ["TextGrad"]),
    .library(name: "Fed", targets: ["Fed"]),
    .library(name: "FTGLang", targets: ["FTGLang"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CCurl", pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(
      name: "CCrypto", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]),
    .systemLibrary(
      name: "CEditLine", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    // What every layer shares and that belongs to none: "did you mean" for typos.
    .target(name: "FTGSupport"),
    .target(
      name: "TextGrad",
      dependencies: ["FTGSupport", "CCrypto", "CCurl", "CSQLite"]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    .target(name: "Fed", dependencies: ["TextGrad", "CZlib"]),
    .target(
      name: "FTGLang",
      dependencies: [
        "FTGSupport", "Fed", "TextGrad", .product(name: "Ink", package: "Ink"),
      ]),
    .executableTarget(
      name: "FTGShell",
      dependencies: [
        "FTGSupport", "FTGLang", "TextGrad", "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(
      name: "FTGTestSupport", path: "Tests/FTGTestSupport",
      resources: [.copy("fake_openai_server.py")]),
    .testTarget(
      name: "TextGradTests", dependencies: ["TextGrad", "FTGTestSupport"],
      exclude: ["DataTests/make_python_random_vectors.py"]),
    .testTarget(name: "FTGSupportTests", dependencies: ["FTGSupport"]),
    .testTarget(name: "FedTests", dependencies: ["Fed"]),
    .testTarget(name: "FTGLangTests", dependencies: ["FTGLang", "FTGTestSupport"], exclude: ["Scripts"]),
    .testTarget(name: "FTGShellTests", dependencies: ["FTGShell", "FTGTestSupport"]),
  ]
)
