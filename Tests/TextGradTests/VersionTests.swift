import Testing

@testable import TextGrad

@Test func versionIsSet() { #expect(!TextGradLibrary.version.isEmpty) }
