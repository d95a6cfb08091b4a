import Testing

@testable import TextGrad

@Suite("PythonRandom matches CPython's random.Random")
struct PythonRandomTests {
  @Test("draws match CPython for each recorded seed", arguments: pythonRandomVectors)
  func drawsMatchCPython(vector: PythonRandomVector) {
    var generator = PythonRandom(seed: vector.seed)
    #expect((0..<4).map { _ in generator.getrandbits(32) } == vector.words)
    #expect((0..<4).map { _ in generator.getrandbits(7) } == vector.smallBits)
    let wide = (0..<2).map { _ in generator.getrandbits(40) }
      + (0..<2).map { _ in generator.getrandbits(64) }
    #expect(wide == vector.wideBits)
    let bounds = [1, 2, 3, 10, 1000, (1 << 31) + 1, 1 << 40]
    #expect(bounds.map { generator.randbelow($0) } == vector.below)
    #expect((0..<3).map { _ in generator.random() } == vector.floats)
  }

  @Test("shuffling the GSM8K train indices with seed 0 matches CPython")
  func shuffleOfTrainIndices() {
    var generator = PythonRandom(seed: 0)
    var indices = Array(0..<7473)
    generator.shuffle(&indices)
    #expect(Array(indices.prefix(5)) == [4530, 6017, 4120, 3208, 2585])
    #expect(Array(indices.prefix(10)) == shuffled7473Head)
    #expect(Array(indices.suffix(10)) == shuffled7473Tail)
    #expect(indices.sorted() == Array(0..<7473))
  }

  @Test("shuffling the GSM8K test indices with seed 0 matches CPython")
  func shuffleOfTestIndices() {
    var generator = PythonRandom(seed: 0)
    var indices = Array(0..<1319)
    generator.shuffle(&indices)
    #expect(Array(indices.prefix(5)) == [1101, 120, 474, 991, 192])
    #expect(Array(indices[300..<310]) == shuffled1319At300)
  }

  @Test("sample uses CPython's pool and set methods, then choice continues the stream")
  func sampleAndChoice() throws {
    var generator = PythonRandom(seed: 7)
    let pool = try generator.sample(Array(0..<50), count: 10)
    let set = try generator.sample(Array(0..<100), count: 10)
    let tiny = try generator.sample(Array(0..<1000), count: 5)
    #expect([pool, set, tiny] == seed7Samples)
    #expect((0..<5).map { _ in generator.choice(Array(0..<13)) ?? -1 } == seed7Choices)
  }

  @Test("sample larger than the population is an error naming both sizes")
  func sampleTooLarge() {
    var generator = PythonRandom(seed: 0)
    #expect(throws: SampleSizeError(requested: 4, available: 3)) {
      try generator.sample([1, 2, 3], count: 4)
    }
    #expect(SampleSizeError(requested: 4, available: 3).description.contains("4"))
    #expect(generator.choice([Int]()) == nil)
  }

  @Test("a negative seed seeds like its absolute value, as in CPython")
  func negativeSeed() {
    var negative = PythonRandom(seed: -3)
    var positive = PythonRandom(seed: 3)
    #expect(negative.getrandbits(32) == positive.getrandbits(32))
  }
}
