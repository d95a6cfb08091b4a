import Testing

@testable import Fed

/// A profile's draws are reproducible and come out at the rates asked.
@Suite struct ClientProfileDrawTests {
  @Test func dropoutsHappenAtTheRateAskedAndTheSameEveryTime() {
    let profile = ClientProfile(dropout: 0.3, seed: 11)
    let draws = (0..<50).flatMap { round in (0..<20).map { profile.dropsOut(round: round, client: $0) } }
    let rate = Double(draws.filter { $0 }.count) / Double(draws.count)
    #expect(abs(rate - 0.3) < 0.05, "rate \(rate)")
    #expect(draws == (0..<50).flatMap { round in (0..<20).map { profile.dropsOut(round: round, client: $0) } })
    #expect(!ClientProfile().dropsOut(round: 0, client: 0))
    #expect(ClientProfile(dropout: 1).dropsOut(round: 4, client: 2))
  }
}
