import Foundation

/// Builds tasks from their dataset files, with the splits TextGrad and FedTextGrad use.
///
/// - BIG-Bench Hard (`object_counting`, `word_sorting`, `multistep_arithmetic_two`): file
///   order; train = examples 0..<50, val = 50..<150, test = 150..<250 (TextGrad's 50/100/100).
///   x is the input, y the target.
/// - GSM8K: FedTextGrad's split. The rows of `train.jsonl` and of `test.jsonl` are each
///   shuffled by `random.Random(0).shuffle`; train = shuffled train rows 0..<50, val = 200..<300,
///   test = shuffled test rows 300..<400. x is `"Question: "` followed by the question (the
///   prefix TextGrad's GSM8K dataset adds), y the number after `####` with commas removed.
public struct TaskLoader: Sendable {
  /// Where dataset files come from.
  public var locator: DataLocator

  /// Creates a loader; by default files are found through `FTG_DATA_DIR` and `FTG_CACHE_DIR`.
  public init(locator: DataLocator = .fromEnvironment()) {
    self.locator = locator
  }

  /// Loads the task called `name` (see `TaskName.init(parsing:)` for accepted spellings).
  public func load(named name: String) async throws -> TaskDefinition {
    try await load(try TaskName(parsing: name))
  }

  /// Loads `task`; throws `DataError` if its files cannot be found, verified or decoded.
  public func load(_ task: TaskName) async throws -> TaskDefinition {
    let splits: (train: [Example], val: [Example], test: [Example])
    switch task {
    case .objectCounting: splits = try await bigBenchHardSplits(.bbhObjectCounting)
    case .wordSorting: splits = try await bigBenchHardSplits(.bbhWordSorting)
    case .multistepArithmeticTwo: splits = try await bigBenchHardSplits(.bbhMultistepArithmeticTwo)
    case .gsm8k: splits = try await gsm8kSplits()
    }
    return Self.definition(task, train: splits.train, val: splits.val, test: splits.test)
  }

  /// `task` with the given splits and its own starting prompt, answer format and scoring
  /// (for splits kept elsewhere, such as a notebook's record).
  public static func definition(
    _ task: TaskName, train: [Example], val: [Example], test: [Example]
  ) -> TaskDefinition {
    TaskDefinition(
      name: task.rawValue, train: train, val: val, test: test,
      startingSystemPrompt: TaskPrompts.startingSystemPrompt(for: task),
      answerFormatInstruction: TaskPrompts.answerFormat(for: task),
      scoring: task == .wordSorting ? .sortedWords : .lastInteger)
  }

  private func bigBenchHardSplits(
    _ file: DatasetFile
  ) async throws -> (train: [Example], val: [Example], test: [Example]) {
    let bytes = try await locator.contents(of: file)
    let records = try BigBenchHardFile.records(from: bytes, file: file)
    let examples = records.map { Example(x: $0.input, y: $0.target) }
    guard examples.count >= 250 else {
      throw DataError(
        file: file.path, reason: .malformed(detail: "\(examples.count) examples, expected 250"))
    }
    return (Array(examples[0..<50]), Array(examples[50..<150]), Array(examples[150..<250]))
  }

  private func gsm8kSplits() async throws -> (train: [Example], val: [Example], test: [Example]) {
    let train = try await shuffledGSM8KExamples(.gsm8kTrain)
    let test = try await shuffledGSM8KExamples(.gsm8kTest)
    guard train.count >= 300, test.count >= 400 else {
      throw DataError(
        file: DatasetFile.gsm8kTrain.path,
        reason: .malformed(detail: "\(train.count) train and \(test.count) test rows, too few"))
    }
    return (Array(train[0..<50]), Array(train[200..<300]), Array(test[300..<400]))
  }

  private func shuffledGSM8KExamples(_ file: DatasetFile) async throws -> [Example] {
    let records = try GSM8KFile.records(from: try await locator.contents(of: file), file: file)
    var examples: [Example] = []
    for (line, record) in records.enumerated() {
      guard let answer = record.finalAnswer else {
        throw DataError(
          file: file.path,
          reason: .malformed(detail: "line \(line + 1): answer does not end in '#### <integer>'"))
      }
      examples.append(Example(x: "Question: " + record.question, y: answer))
    }
    var generator = PythonRandom(seed: 0)
    generator.shuffle(&examples)
    return examples
  }
}
