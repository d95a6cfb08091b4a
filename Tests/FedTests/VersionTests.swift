import Testing

@testable import Fed

@Test func versionMatchesTextGrad() { #expect(FedLibrary.version == "0.1.0") }
